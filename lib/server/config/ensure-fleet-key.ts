import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateEd25519 } from "@/lib/ssh/generate-ed25519";

/**
 * Creates the fleet key on first start when none exists at the configured
 * path (0600, never in the database). Returns the public key line, which an
 * operator installs into root's authorized_keys on gateways and hosts.
 */
export function ensureFleetKey(keyPath: string): { publicKey: string; created: boolean } {
  const pub = `${keyPath}.pub`;
  if (existsSync(keyPath)) {
    // A key copied in by hand (or by an older version) may be group-readable; ssh itself would refuse it.
    if ((statSync(keyPath).mode & 0o077) !== 0) chmodSync(keyPath, 0o600);
    return {
      publicKey: existsSync(pub) ? readFileSync(pub, "utf8").trim() : "(no .pub file next to the key)",
      created: false,
    };
  }
  mkdirSync(path.dirname(keyPath), { recursive: true, mode: 0o700 });
  const pair = generateEd25519("branchdesk-fleet");
  writeFileSync(keyPath, pair.privatePem, { mode: 0o600 });
  writeFileSync(pub, pair.publicLine + "\n", { mode: 0o644 });
  return { publicKey: pair.publicLine, created: true };
}

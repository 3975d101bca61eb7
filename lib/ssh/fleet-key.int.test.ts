import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unwrap } from "@/lib/domain/result";
import { generateKeyPair, sshKeygenFingerprint } from "@/lib/testing/sshd";
import { loadFleetKey } from "./fleet-key";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "branchdesk-fleetkey-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("loadFleetKey", () => {
  it("loads a private key and names it by the fingerprint ssh-keygen prints for its public half", async () => {
    const file = await generateKeyPair(dir, "fleet");
    const key = unwrap(await loadFleetKey(file));
    expect(key.fingerprint).toBe(await sshKeygenFingerprint(`${file}.pub`));
    expect(key.path).toBe(file);
  });

  it("never shows the private key when logged, stringified or JSON-encoded", async () => {
    const file = await generateKeyPair(dir, "fleet-leak");
    const secretBody = readFileSync(file, "utf8").split("\n")[1]!;
    const key = unwrap(await loadFleetKey(file));
    for (const shown of [
      JSON.stringify(key),
      inspect(key, { showHidden: true, depth: 5 }),
      String(key),
      `${key}`,
      JSON.stringify({ key }),
    ]) {
      expect(shown).not.toContain("PRIVATE KEY");
      expect(shown).not.toContain(secretBody);
      expect(shown).toContain(key.fingerprint);
    }
    expect(Object.values(key).join(" ")).not.toContain(secretBody);
  });

  it("reads the file once: a second load returns the same key even after the file is gone", async () => {
    const file = await generateKeyPair(dir, "fleet-once");
    const first = unwrap(await loadFleetKey(file));
    unlinkSync(file);
    expect(unwrap(await loadFleetKey(file))).toBe(first);
  });

  it("loads a passphrase-protected key only with its passphrase", async () => {
    const file = path.join(dir, "fleet-locked");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "correct horse", "-f", file]);
    const without = await loadFleetKey(file);
    expect(without.ok ? "loaded" : without.error).toMatch(/fleet-locked is not a usable SSH private key/);
    const copy = `${file}-copy`; // another path: the failed attempt above is not cached, but be explicit
    copyFileSync(file, copy);
    chmodSync(copy, 0o600);
    expect(unwrap(await loadFleetKey(copy, { passphrase: "correct horse" })).fingerprint).toBe(
      await sshKeygenFingerprint(`${file}.pub`),
    );
  });

  it.each([
    ["missing", null, 0o600, /missing does not exist: check the configured path/],
    ["loose", "key", 0o644, /readable by group or others \(mode 644\): run chmod 600/],
    ["garbage", "not a key SECRET-CANARY\n", 0o600, /garbage is not a usable SSH private key/],
    ["public", "pub", 0o600, /is not a usable SSH private key|holds a public key/],
  ] as const)("refuses a %s key file with an error naming the file", async (name, content, mode, message) => {
    const file = path.join(dir, `bad-${name}`);
    if (content === "key") await generateKeyPair(dir, `bad-${name}`);
    else if (content === "pub") copyFileSync(`${await generateKeyPair(dir, "for-pub")}.pub`, file);
    else if (content !== null) writeFileSync(file, content);
    if (content !== null) chmodSync(file, mode);
    const r = await loadFleetKey(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(message);
    expect(r.error).toContain(file);
    expect(r.error).not.toContain("SECRET-CANARY");
  });
});

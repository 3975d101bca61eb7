import { createHash } from "node:crypto";
import { err, ok, type Result } from "@/lib/domain/result";

/**
 * An SSH key fingerprint exactly as `ssh-keygen -lf` prints it:
 * "SHA256:" + base64(sha256(key blob)) without the "=" padding (43 chars).
 */
export type HostKeyFingerprint = string & { readonly __brand: "HostKeyFingerprint" };

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$/;

export function parseHostKeyFingerprint(input: unknown): Result<HostKeyFingerprint> {
  if (typeof input !== "string") return err("must be a string");
  if (!FINGERPRINT.test(input)) {
    return err(
      `${JSON.stringify(input)} is not an SSH SHA256 fingerprint ` +
        `(expected "SHA256:" and 43 base64 characters, as \`ssh-keygen -lf\` prints)`,
    );
  }
  return ok(input as HostKeyFingerprint);
}

/** Fingerprint of a raw public key blob (what ssh2 hands a hostVerifier). */
export function hostKeyFingerprint(keyBlob: Buffer): HostKeyFingerprint {
  const digest = createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "");
  return `SHA256:${digest}` as HostKeyFingerprint;
}

/**
 * The host key algorithms we accept, in a fixed order. A box usually has
 * several host keys (ed25519, ecdsa, rsa) and presents the one the client
 * prefers; scan, probe and connect all use this one list, so the key pinned at
 * enrolment is the key every later check sees.
 */
export const HOST_KEY_ALGORITHMS = [
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "rsa-sha2-512",
  "rsa-sha2-256",
] as const;

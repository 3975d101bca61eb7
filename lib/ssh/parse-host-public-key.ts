import { err, ok, type Result } from "@/lib/domain/result";
import { HOST_KEY_ALGORITHMS, hostKeyFingerprint, type HostKeyFingerprint } from "./host-key-fingerprint";

export type HostPublicKey = { algorithm: string; line: string; fingerprint: HostKeyFingerprint };

// The key types a box's sshd offers as host keys; rsa-sha2-* are signatures over ssh-rsa keys.
const KEY_TYPES = new Set<string>([...HOST_KEY_ALGORITHMS.filter((a) => !a.startsWith("rsa-sha2-")), "ssh-rsa"]);

/**
 * An OpenSSH public key line ("ssh-ed25519 AAAA... root@box", as in
 * /etc/ssh/ssh_host_ed25519_key.pub): the key type must be a host key type we
 * verify, and the base64 blob must name that same type (a line whose first
 * word lies about its blob is refused). The comment is dropped.
 */
export function parseHostPublicKey(text: string): Result<HostPublicKey> {
  const [type, b64] = text.trim().split(/\s+/);
  if (!type || !b64) return err('must be a public key line, "ssh-ed25519 AAAA... comment"');
  if (!KEY_TYPES.has(type)) return err(`key type ${JSON.stringify(type)} is not one of ${[...KEY_TYPES].join(", ")}`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return err("the key is not valid base64");
  const blob = Buffer.from(b64, "base64");
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const inner = blob.subarray(4, 4 + len).toString("latin1");
  if (len === 0 || inner !== type || blob.length < 4 + len + 4)
    return err(`the key's blob is not a ${type} key (it names ${JSON.stringify(inner.slice(0, 40))})`);
  return ok({ algorithm: type, line: `${type} ${blob.toString("base64")}`, fingerprint: hostKeyFingerprint(blob) });
}

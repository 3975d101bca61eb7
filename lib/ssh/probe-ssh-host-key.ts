import type { Duplex } from "node:stream";
import { NodeSSH } from "node-ssh";
import { err, ok, type Result } from "@/lib/domain/result";
import type { Hostname } from "@/lib/domain/values/hostname";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Port } from "@/lib/domain/values/port";
import { classifySshError } from "./classify-ssh-error";
import { HOST_KEY_ALGORITHMS, hostKeyFingerprint, type HostKeyFingerprint } from "./host-key-fingerprint";
import { resolveSshAddress } from "./resolve-ssh-address";
import type { SshFailure } from "./ssh-failure";

// Never authenticates, so the user name is only what the server's log shows.
const PROBE_USER = "branchdesk-probe";

/**
 * Fetches the host key a server presents, without authenticating: the
 * verifier records the key and answers "no", which makes ssh2 abort the key
 * exchange. No credentials are offered at all (no fleet key, no password), so
 * even a bug here could not log in or run a command. Used to check the support
 * path (guest IP:22 must present the host's pinned key) and by scanHostKey.
 */
export async function probeSshHostKey(
  address: Ipv4 | Hostname,
  port: Port,
  timeoutMs: number,
  label = `${address}:${port}`,
  /** An already-open stream to the server (a tunnel through a gateway); otherwise a TCP connection. */
  sock?: Duplex,
  /** Gets the key blob the fingerprint is of (to store the key itself for known_hosts lines). */
  onKey?: (blob: Buffer) => void,
): Promise<Result<HostKeyFingerprint, SshFailure>> {
  let dial: string = address;
  if (!sock) {
    // A socket of the dashboard's own: only to an address the policy allows, and to the one it checked.
    const checked = await resolveSshAddress(address, { where: label, port, username: PROBE_USER, timeoutMs });
    if (!checked.ok) return err(checked.error);
    dial = checked.value;
  }
  const seen: { key: HostKeyFingerprint | null } = { key: null };
  const ssh = new NodeSSH();
  try {
    await ssh.connect({
      ...(sock ? { sock } : {}),
      host: dial,
      port,
      username: PROBE_USER,
      readyTimeout: timeoutMs,
      algorithms: { serverHostKey: [...HOST_KEY_ALGORITHMS] },
      hostVerifier: (key: Buffer) => {
        seen.key = hostKeyFingerprint(key);
        onKey?.(key);
        return false;
      },
    });
  } catch (e) {
    if (seen.key !== null) return ok(seen.key);
    return err(classifySshError(e, { where: label, address, port, username: PROBE_USER, timeoutMs, phase: "connect" }));
  } finally {
    ssh.dispose();
  }
  // Unreachable unless ssh2 ignored the verifier's "no": treat it as a protocol failure, never as a key.
  return err({
    kind: "protocol",
    where: label,
    message: `${label} completed a handshake the host key probe had refused; not trusting its answer`,
  });
}

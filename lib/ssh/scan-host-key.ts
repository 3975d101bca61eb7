import { err, type Result } from "@/lib/domain/result";
import { classifySshError } from "./classify-ssh-error";
import { forwardThrough, type SshSession } from "./connect-ssh";
import type { HostKeyFingerprint } from "./host-key-fingerprint";
import { probeSshHostKey } from "./probe-ssh-host-key";
import type { SshFailure } from "./ssh-failure";
import { describeTarget, type SshTarget } from "./ssh-target";

/**
 * The one way to learn an unpinned box's key: returns the fingerprint it
 * presents so an operator can compare it (e.g. with `ssh-keygen -lf` on the
 * console) and "trust this key". Recording and auditing that trust happens in
 * lib/server; nothing here pins anything, and no command can run.
 */
export async function scanHostKey(
  target: SshTarget,
  options: { timeoutMs?: number; via?: SshSession; onKey?: (blob: Buffer) => void } = {},
): Promise<Result<HostKeyFingerprint, SshFailure>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const label = describeTarget(target);
  if (!options.via) return probeSshHostKey(target.address, target.port, timeoutMs, label, undefined, options.onKey);
  const where = `${label} via ${describeTarget(options.via.target)}`;
  const tunnel = await forwardThrough(options.via, target, timeoutMs);
  if (!tunnel.ok) {
    return err(
      classifySshError(tunnel.error, {
        where,
        address: target.address,
        port: target.port,
        username: target.username,
        timeoutMs,
        phase: "connect",
      }),
    );
  }
  return probeSshHostKey(target.address, target.port, timeoutMs, where, tunnel.value, options.onKey);
}

import type { Result } from "@/lib/domain/result";
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
export function scanHostKey(target: SshTarget, options: { timeoutMs?: number } = {}): Promise<Result<HostKeyFingerprint, SshFailure>> {
  return probeSshHostKey(target.address, target.port, options.timeoutMs ?? 10_000, describeTarget(target));
}

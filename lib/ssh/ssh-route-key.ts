import type { SshTarget } from "./ssh-target";

/**
 * The key under which a connection may be cached or reused.
 *
 * Never the address alone: hosts are link-local (169.254.0.0/16, the same
 * subnet in every branch) and guest IPs can repeat across branches, so
 * "169.254.0.11:22" names a different box in every branch. A cache keyed by
 * address would hand branch A's session to branch B (OpenSSH's ControlPath
 * and known_hosts share this trap). The label names the box and its route;
 * the pinned fingerprint is part of the key so a re-trusted key never reuses
 * a session that was verified against the old one.
 */
export function sshRouteKey(target: SshTarget): string {
  return JSON.stringify([
    target.label,
    target.address,
    target.port,
    target.username,
    target.pinnedFingerprint ?? "unpinned",
  ]);
}

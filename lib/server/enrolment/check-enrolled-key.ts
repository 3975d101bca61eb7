import type { Ipv4 } from "@/lib/domain/values/ipv4";
import { connectSsh } from "@/lib/ssh/connect-ssh";
import { loadFleetKey } from "@/lib/ssh/fleet-key";
import type { HostKeyFingerprint } from "@/lib/ssh/host-key-fingerprint";
import { scanHostKey } from "@/lib/ssh/scan-host-key";
import { parseSshTarget } from "@/lib/ssh/ssh-target";
import { sshConfig } from "@/lib/server/config/ssh-config";
import type { BranchRow } from "@/lib/server/inventory/find-branch";
import { gatewaySshInput } from "@/lib/server/ssh-targets/box-ssh-input";

export type KeyCheckResult = { seen: HostKeyFingerprint } | { unreachable: string };
export type KeyCheck = (branch: BranchRow, box: { label: string; address: Ipv4 }) => Promise<KeyCheckResult>;

/**
 * The connect-back: through the branch gateway's pinned session, which key
 * does the box at this link-local address present? Only the gateway's own key
 * is trusted here; the box's key is read, never used to log in.
 */
export const checkEnrolledKey: KeyCheck = async (branch, box) => {
  const gw = branch.gateway;
  if (!gw) return { unreachable: `${branch.code} has no gateway to connect back through` };
  if (!gw.hostKeyFingerprint) return { unreachable: `gateway ${gw.hostname}'s host key is not trusted yet` };
  const config = sshConfig();
  const key = await loadFleetKey(config.fleetKeyPath);
  if (!key.ok) return { unreachable: `the fleet SSH key cannot be used: ${key.error}` };
  const via = parseSshTarget(gatewaySshInput(gw, branch.code));
  const target = parseSshTarget({
    label: box.label,
    address: box.address,
    port: 22,
    username: "root",
    pinnedFingerprint: null,
  });
  if (!via.ok || !target.ok) return { unreachable: "the gateway or the box's address cannot be used for SSH" };
  const session = await connectSsh(via.value, { fleetKey: key.value, connectTimeoutMs: config.connectTimeoutMs });
  if (!session.ok) return { unreachable: session.error.message };
  try {
    const r = await scanHostKey(target.value, { via: session.value, timeoutMs: config.connectTimeoutMs });
    return r.ok ? { seen: r.value } : { unreachable: r.error.message };
  } finally {
    session.value.close();
  }
};

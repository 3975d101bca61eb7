import type { parseSshTarget } from "@/lib/ssh/ssh-target";

type SshInput = Parameters<typeof parseSshTarget>[0];
type GatewayRow = {
  hostname: string;
  sshAddress: string;
  sshPort: number;
  sshUser: string;
  hostKeyFingerprint: string | null;
};
type HostRow = { hostname: string; linkLocalIp: string; sshUser: string; hostKeyFingerprint: string | null };

/**
 * How inventory rows become SSH targets, in one place: the label every error
 * names (unique fleet-wide, as connection keys need) and the address used.
 * A gateway is reached at its head-office address; a host at its link-local
 * address, through its gateway.
 */
export function gatewaySshInput(gw: GatewayRow, branchCode: string): SshInput {
  return {
    label: `gateway ${gw.hostname} (${branchCode})`,
    address: gw.sshAddress,
    port: gw.sshPort,
    username: gw.sshUser,
    pinnedFingerprint: gw.hostKeyFingerprint,
  };
}

export function hostSshInput(h: HostRow, branchCode: string): SshInput {
  return {
    label: `host ${h.hostname} (${branchCode})`,
    address: h.linkLocalIp,
    port: 22,
    username: h.sshUser,
    pinnedFingerprint: h.hostKeyFingerprint,
  };
}

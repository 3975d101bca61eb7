import type { LabHost } from "./inventory";

/**
 * NAT rules that are not Branchdesk's, the kind a real host carries: libvirt's
 * LIBVIRT_PRT masquerade chain for a NAT network, and a hand-made RDP port
 * forward in the same PREROUTING chain Branchdesk's REDIRECT lives in. Tests
 * apply them, run Branchdesk, and check every line is still there.
 * libvirt's default network is 192.168.122.0/24; the lab only uses
 * documentation ranges, so the "NAT network" here is 203.0.113.0/24.
 */
export const FOREIGN_NAT_NETWORK = "203.0.113.0/24";

/** `iptables -t nat -S` lines (the chain declaration first), as iptables-save prints them. */
export function foreignNatRules(host?: LabHost): string[] {
  const net = FOREIGN_NAT_NETWORK;
  const lines = [
    "-N LIBVIRT_PRT",
    "-A POSTROUTING -j LIBVIRT_PRT",
    `-A LIBVIRT_PRT -s ${net} -d 224.0.0.0/24 -j RETURN`,
    `-A LIBVIRT_PRT -s ${net} -d 255.255.255.255/32 -j RETURN`,
    `-A LIBVIRT_PRT -s ${net} ! -d ${net} -p tcp -j MASQUERADE --to-ports 1024-65535`,
    `-A LIBVIRT_PRT -s ${net} ! -d ${net} -p udp -j MASQUERADE --to-ports 1024-65535`,
    `-A LIBVIRT_PRT -s ${net} ! -d ${net} -j MASQUERADE`,
  ];
  if (host) {
    lines.push(
      `-A PREROUTING -d ${host.linkLocalIp}/32 -p tcp -m tcp --dport 3389 ` +
        `-j DNAT --to-destination ${host.guest.ip}:3389`,
    );
  }
  return lines;
}

/** The same rules as an `iptables-restore --noflush` document. */
export function foreignNatRestore(host?: LabHost): string {
  const rules = foreignNatRules(host);
  return ["*nat", ":LIBVIRT_PRT - [0:0]", ...rules.filter((l) => !l.startsWith("-N ")), "COMMIT", ""].join("\n");
}

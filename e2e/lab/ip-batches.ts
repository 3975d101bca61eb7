import { GATEWAY_LINK_LOCAL, type BranchPlan, type HostPlan, type LabPlan } from "./lab-plan";

/**
 * `ip -batch` scripts for each namespace, pure. Every value in them comes from
 * the plan, where it is a parsed Ipv4/Cidr/Mac/Ifname or a name matching the
 * run-prefix pattern, so no token can contain whitespace or a quote.
 *
 * Veth pairs are created with both ends placed straight into their target
 * namespaces ("netns" on each end): no lab interface name ever exists in the
 * root namespace except the root<->HQ link, so two runs cannot collide there.
 */
export function rootCreateBatch(plan: LabPlan): string[] {
  const { hq } = plan;
  const lines = [`link add name ${hq.rootIfname} type veth peer name ${hq.hqIfname} netns ${hq.netns}`];
  for (const b of plan.branches) {
    const gw = b.gateway;
    lines.push(`link add name ${gw.wanIfname} netns ${gw.netns} type veth peer name ${gw.hqPort} netns ${hq.netns}`);
    lines.push(
      `link add name ${gw.lanIfname} netns ${gw.netns} type veth peer name ${gw.switchPort} netns ${b.switchNetns}`,
    );
    for (const h of b.hosts) {
      lines.push(
        `link add name ${h.nicIfname} netns ${h.netns} type veth peer name ${h.switchPort} netns ${b.switchNetns}`,
      );
      lines.push(
        `link add name ${h.guest.ifname} netns ${h.guest.netns} type veth peer name ${h.tapIfname} netns ${h.netns}`,
      );
    }
  }
  return lines;
}

export function netnsAddBatch(names: readonly string[]): string[] {
  return names.map((n) => `netns add ${n}`);
}

export function netnsDelBatch(names: readonly string[]): string[] {
  return names.map((n) => `netns del ${n}`);
}

export function hqBatch(plan: LabPlan): string[] {
  const { hq } = plan;
  const lines = [
    "link set lo up",
    `link add name ${hq.wanBridge} type bridge`,
    `link set ${hq.wanBridge} up`,
    `addr add ${hq.wanIp}/24 dev ${hq.wanBridge}`,
    `link set ${hq.hqIfname} up`,
    `addr add ${hq.ip}/27 dev ${hq.hqIfname}`,
  ];
  for (const b of plan.branches) {
    lines.push(`link set ${b.gateway.hqPort} master ${hq.wanBridge}`, `link set ${b.gateway.hqPort} up`);
    lines.push(`route add ${b.lanCidr} via ${b.gateway.wanIp} dev ${hq.wanBridge}`);
  }
  return lines;
}

export function switchBatch(b: BranchPlan): string[] {
  const lines = ["link set lo up", `link add name ${b.switchBridge} type bridge`, `link set ${b.switchBridge} up`];
  for (const port of [b.gateway.switchPort, ...b.hosts.map((h) => h.switchPort)]) {
    lines.push(`link set ${port} master ${b.switchBridge}`, `link set ${port} up`);
  }
  return lines;
}

export function gatewayBatch(plan: LabPlan, b: BranchPlan): string[] {
  const gw = b.gateway;
  return [
    "link set lo up",
    `link set ${gw.wanIfname} address ${gw.wanMac}`,
    `link set ${gw.wanIfname} up`,
    `addr add ${gw.wanIp}/24 dev ${gw.wanIfname}`,
    `link set ${gw.lanIfname} address ${gw.lanMac}`,
    `link set ${gw.lanIfname} up`,
    `addr add ${gw.lanIp}/24 dev ${gw.lanIfname}`,
    // The gateway is the only box on the LAN holding both worlds: the routable
    // .1 for guests and 169.254.1.1, the hosts' default route.
    `addr add ${GATEWAY_LINK_LOCAL}/16 dev ${gw.lanIfname}`,
    `route add default via ${plan.hq.wanIp} dev ${gw.wanIfname}`,
  ];
}

export function hostBatch(h: HostPlan): string[] {
  return [
    "link set lo up",
    `link set ${h.nicIfname} address ${h.nicMac}`,
    // A bridge takes the lowest port MAC unless told; pin it to the NIC's so
    // the host's link-local traffic leaves with the address in the inventory.
    `link add name ${h.bridge} address ${h.nicMac} type bridge`,
    `link set ${h.nicIfname} master ${h.bridge}`,
    `link set ${h.tapIfname} address ${h.tapMac}`,
    `link set ${h.tapIfname} master ${h.bridge}`,
    `link set ${h.nicIfname} up`,
    `link set ${h.tapIfname} up`,
    `link set ${h.bridge} up`,
    `addr add ${h.linkLocalIp}/16 dev ${h.bridge}`,
    `route add default via ${GATEWAY_LINK_LOCAL} dev ${h.bridge}`,
  ];
}

export function guestBatch(b: BranchPlan, h: HostPlan): string[] {
  const g = h.guest;
  return [
    "link set lo up",
    `link set ${g.ifname} address ${g.mac}`,
    `link set ${g.ifname} up`,
    `addr add ${g.ip}/24 dev ${g.ifname}`,
    `route add default via ${b.gateway.lanIp} dev ${g.ifname}`,
  ];
}

/** The root namespace's own link and route: run after HQ is configured. */
export function rootRouteBatch(plan: LabPlan): string[] {
  const { hq } = plan;
  return [
    `link set ${hq.rootIfname} up`,
    `addr add ${hq.rootIp}/27 dev ${hq.rootIfname}`,
    `route add ${plan.labCidr} via ${hq.ip} dev ${hq.rootIfname}`,
  ];
}

/** sysctls per namespace kind; hosts start with bridge-nf off like a stock host. */
export const SYSCTLS: Record<"hq" | "switch" | "gateway" | "host" | "guest", Record<string, string>> = {
  hq: { "net.ipv4.ip_forward": "1", "net.bridge.bridge-nf-call-iptables": "0" },
  switch: { "net.bridge.bridge-nf-call-iptables": "0", "net.bridge.bridge-nf-call-arptables": "0" },
  gateway: { "net.ipv4.ip_forward": "1" },
  // A new namespace starts with bridge-nf-call-iptables=1; a stock host (no
  // br_netfilter loaded) behaves like 0, and the seed rules must turn it on.
  host: { "net.bridge.bridge-nf-call-iptables": "0" },
  guest: {},
};

/** boot.sh's sysctl.list: "/proc/sys/PATH VALUE" lines, so the shell needs no `sysctl` process. */
export function sysctlList(sysctls: Record<string, string>): string[] {
  return Object.entries(sysctls).map(([k, v]) => `/proc/sys/${k.replaceAll(".", "/")} ${v}`);
}

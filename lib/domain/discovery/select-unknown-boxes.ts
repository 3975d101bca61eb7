import type { Cidr } from "../values/cidr";
import { compareIpv4, type Ipv4 } from "../values/ipv4";
import type { Mac } from "../values/mac";
import { hasAnsweredArp, type Neighbour } from "./parse-neighbours";
import { inPool } from "./sweep-plan";

export type BranchInventory = {
  pool: Cidr;
  gatewayIp: Ipv4;
  /** Every enrolled host's link-local address in this branch. */
  hostIps: readonly Ipv4[];
  /** Every enrolled host's NIC MAC (fleet-wide: a box moved from another branch is not new). */
  hostMacs: readonly Mac[];
  /** Every enrolled guest's MAC: a Windows guest without DHCP gives itself a 169.254 address (APIPA). */
  guestMacs: readonly Mac[];
};

export type UnknownBox = { ip: Ipv4; mac: Mac };

/**
 * The boxes that answered the sweep and are not in the inventory. Answered
 * means: it replied to the ping, or the neighbour entry is REACHABLE (an ARP
 * reply just now; a box may drop ICMP but never ARP). A STALE/DELAY entry
 * that did not reply is an old memory of a box, not a box. Known means: its
 * address is an enrolled host's link-local address in this branch, or its MAC
 * is an enrolled NIC or guest MAC. Never the gateway itself, never an address
 * outside the branch's link-local pool (guests and the LAN's routable side).
 */
export function selectUnknownBoxes(
  neighbours: readonly Neighbour[],
  answered: readonly Ipv4[],
  inventory: BranchInventory,
): UnknownBox[] {
  const replied = new Set(answered);
  const knownIps = new Set<string>([inventory.gatewayIp, ...inventory.hostIps]);
  const knownMacs = new Set<string>([...inventory.hostMacs, ...inventory.guestMacs]);
  const found = new Map<Ipv4, UnknownBox>();
  for (const n of neighbours) {
    if (!n.mac || !hasAnsweredArp(n)) continue;
    if (!replied.has(n.ip) && n.state !== "REACHABLE") continue;
    if (!inPool(inventory.pool, n.ip) || knownIps.has(n.ip) || knownMacs.has(n.mac)) continue;
    found.set(n.ip, { ip: n.ip, mac: n.mac });
  }
  return [...found.values()].sort((a, b) => compareIpv4(a.ip, b.ip));
}

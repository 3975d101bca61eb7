import type { HostContext } from "@/lib/domain/inventory/check-host";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Tx } from "@/lib/server/db/client";
import { loadAddressHolds } from "@/lib/server/hardware/load-address-holds";
import { branchAddressing, type BranchRow } from "./find-branch";
import { loadHostnameClaims } from "./load-hostname-claims";
import { loadMacClaims, type Self } from "./load-mac-claims";
import { loadSerialClaims } from "./load-serial-claims";

export type HostWants = { hostname: string; serial: string; nicMac: string; guestIp?: string; guestMac?: string };

/**
 * Everything checkHost needs, read inside the caller's transaction: the
 * branch's link-local addresses (also the allocator's "used" list) and who in
 * the fleet already holds the values this host wants. `self` is left out.
 */
export async function loadHostContext(
  tx: Tx,
  branch: BranchRow,
  wants: HostWants,
  self: Self = {},
): Promise<HostContext> {
  const notSelfHost = self.hostId ? { id: { not: self.hostId } } : {};
  const siblings = await tx.host.findMany({
    where: { branchId: branch.id, ...notSelfHost },
    select: { hostname: true, linkLocalIp: true },
  });
  const guestIps = wants.guestIp
    ? await tx.guest.findMany({
        where: { branchId: branch.id, ip: wants.guestIp, ...(self.guestId ? { id: { not: self.guestId } } : {}) },
        select: { name: true, ip: true, host: { select: { hostname: true } } },
      })
    : [];
  // A retired host's address cools off before anyone may take it again (issue 11).
  const held = await loadAddressHolds(tx, "link-local", { branchId: branch.id, exceptHostId: self.hostId });
  return {
    branch: branchAddressing(branch),
    gatewayLanIp: (branch.gateway?.lanIp ?? null) as Ipv4 | null,
    linkLocalIps: [...siblings.map((h) => ({ value: h.linkLocalIp, owner: `host ${h.hostname}` })), ...held],
    guestIps: guestIps.map((g) => ({ value: g.ip, owner: `guest ${g.name} (host ${g.host.hostname})` })),
    macs: await loadMacClaims(tx, [wants.nicMac, ...(wants.guestMac ? [wants.guestMac] : [])], self),
    hostnames: await loadHostnameClaims(tx, wants.hostname, { hostId: self.hostId }),
    serials: await loadSerialClaims(tx, wants.serial, { hostId: self.hostId }),
  };
}

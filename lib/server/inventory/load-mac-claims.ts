import type { Claim } from "@/lib/domain/inventory/claim";
import type { Tx } from "@/lib/server/db/client";
import { loadAddressHolds } from "@/lib/server/hardware/load-address-holds";

export type Self = { hostId?: number; guestId?: number };

/**
 * Who already holds any of `macs`, across host NICs and guests (MACs are
 * unique fleet-wide, but the two tables' unique constraints cannot see each
 * other). The record being edited (`self`) is left out.
 */
export async function loadMacClaims(tx: Tx, macs: readonly string[], self: Self = {}): Promise<Claim[]> {
  const wanted = [...new Set(macs)];
  if (wanted.length === 0) return [];
  const hosts = await tx.host.findMany({
    where: { nicMac: { in: wanted }, ...(self.hostId ? { id: { not: self.hostId } } : {}) },
    select: { nicMac: true, hostname: true },
  });
  const guests = await tx.guest.findMany({
    where: { mac: { in: wanted }, ...(self.guestId ? { id: { not: self.guestId } } : {}) },
    select: { mac: true, name: true, host: { select: { hostname: true } } },
  });
  return [
    ...hosts.map((h) => ({ value: h.nicMac, owner: `host ${h.hostname}'s NIC` })),
    ...guests.map((g) => ({ value: g.mac, owner: `guest ${g.name} (host ${g.host.hostname})` })),
    // A retired host's guest MAC cools off before it may be typed again (issue 11).
    ...(await loadAddressHolds(tx, "guest-mac", { values: wanted, exceptHostId: self.hostId })),
  ];
}

import type { Claim } from "@/lib/domain/inventory/claim";
import type { Tx } from "@/lib/server/db/client";

export type HoldKind = "link-local" | "guest-mac";

/**
 * Addresses a retired host held that are still cooling off (AddressHold,
 * until > now), as claims: the allocators skip them and a form typing one is
 * refused, naming the host and until when. `exceptHostId`: the host itself
 * (its own addresses are not held from it).
 */
export async function loadAddressHolds(
  tx: Tx,
  kind: HoldKind,
  where: { branchId?: number; values?: readonly string[]; exceptHostId?: number },
  now = new Date(),
): Promise<Claim[]> {
  if (where.values && where.values.length === 0) return [];
  const rows = await tx.addressHold.findMany({
    where: {
      kind,
      until: { gt: now },
      ...(kind === "link-local" ? { branchId: where.branchId } : {}),
      ...(where.values ? { value: { in: [...where.values] } } : {}),
    },
    orderBy: { until: "desc" },
  });
  return rows
    .filter((h) => where.exceptHostId === undefined || h.hostId !== where.exceptHostId)
    .map((h) => {
      const until = h.until.toISOString().slice(0, 16).replace("T", " ");
      return { value: h.value, owner: `retired host ${h.hostname}, held until ${until} UTC (cooling-off)` };
    });
}

import type { Claim } from "@/lib/domain/inventory/claim";
import type { Tx } from "@/lib/server/db/client";

/**
 * Every other branch's LAN, for the overlap check. Overlap is a range test,
 * which neither database can hold as a constraint on a text column, so the
 * check reads them all (a bank has thousands of branches, not millions) in
 * the write's SERIALIZABLE transaction: two branches created at once with
 * overlapping LANs conflict there (PostgreSQL) or run one after the other (SQLite).
 */
export async function loadOtherLans(tx: Tx, self?: { branchId: number }): Promise<Claim[]> {
  const rows = await tx.branch.findMany({
    where: self ? { id: { not: self.branchId } } : {},
    select: { code: true, name: true, lanCidr: true },
    orderBy: { code: "asc" },
  });
  return rows.map((b) => ({ value: b.lanCidr, owner: `branch ${b.code} (${b.name})` }));
}

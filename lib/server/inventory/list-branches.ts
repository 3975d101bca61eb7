import type { BranchListQuery } from "@/lib/domain/inventory/branch-input";
import type { BranchSummary } from "@/lib/domain/inventory/inventory-views";
import { db } from "@/lib/server/db/client";
import { toBranchWithGateway } from "./to-views";

/**
 * The fleet overview. Filtering and sorting happen here rather than in SQL:
 * SQLite and PostgreSQL disagree on case-insensitive matching, and a bank's
 * branches number in the thousands, not millions.
 */
export async function listBranches(query: BranchListQuery): Promise<BranchSummary[]> {
  const rows = await db().branch.findMany({
    where: query.region ? { region: query.region } : {},
    include: { gateway: true, _count: { select: { hosts: true } } },
  });
  const needle = query.q?.toLowerCase();
  const branches = rows
    .filter((b) => !needle || [b.code, b.name, b.region].some((v) => v.toLowerCase().includes(needle)))
    .map((b) => ({ ...toBranchWithGateway(b), hostCount: b._count.hosts }));
  const key = query.sort;
  const sign = query.dir === "desc" ? -1 : 1;
  return branches.sort((a, b) => {
    const primary =
      key === "hostCount" ? a.hostCount - b.hostCount : a[key].localeCompare(b[key], "en", { numeric: true });
    return sign * (primary || a.code.localeCompare(b.code, "en", { numeric: true }));
  });
}

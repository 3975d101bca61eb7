import { db, type Db } from "@/lib/server/db/client";
import type { Prisma } from "@/prisma/generated/sqlite/client";
import type { NatAuditListQuery, NatAuditListResponse, NatAuditSummary } from "./nat-audit-views";
import { SUMMARY_SELECT, toNatAuditSummary } from "./to-nat-audit-view";

/**
 * The fleet's NAT audit: the latest audit of each box (filtered by branch and kind), with its
 * counts per class; `class` keeps the boxes with at least one rule of that class. Totals add
 * up what is shown.
 */
export async function listNatAudits(query: NatAuditListQuery, client: Db = db()): Promise<NatAuditListResponse> {
  const audits = await latestNatAudits(query, client);
  const totals: Record<string, number> = {};
  for (const a of audits) for (const [k, n] of Object.entries(a.counts)) totals[k] = (totals[k] ?? 0) + n;
  return { audits, totals };
}

export async function latestNatAudits(query: NatAuditListQuery, client: Db = db()): Promise<NatAuditSummary[]> {
  const where = {
    ...(query.branch ? { branchCode: query.branch.trim().toUpperCase() } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  };
  const rows = await client.natAudit.findMany({
    where: { id: { in: await latestNatAuditIds(client, where) } },
    select: SUMMARY_SELECT,
    orderBy: [{ branchCode: "asc" }, { kind: "desc" }, { boxName: "asc" }],
  });
  const audits = rows.map(toNatAuditSummary);
  return query.class ? audits.filter((a) => (a.counts[query.class!] ?? 0) > 0) : audits;
}

/** The id of the latest audit of each box that matches `where` (boxes never audited have none). */
export async function latestNatAuditIds(client: Db, where: Prisma.NatAuditWhereInput): Promise<number[]> {
  // The newest id per box is its latest audit: a run stores its rows after reading them.
  const latest = await client.natAudit.groupBy({ by: ["boxKey"], where, _max: { id: true } });
  return latest.flatMap((l) => (l._max.id === null ? [] : [l._max.id]));
}

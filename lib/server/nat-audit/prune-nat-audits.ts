import type { Db } from "@/lib/server/db/client";

/**
 * How long NAT audit snapshots are kept: an audit goes only when it is BOTH older than `keepDays`
 * AND not among the `keepPerBox` newest audits of its box. Auditors ask about the past year, and a
 * box audited every few minutes must not grow without bound: defaults 400 days and 200 per box
 * (BRANCHDESK_NAT_AUDIT_KEEP_DAYS, BRANCHDESK_NAT_AUDIT_KEEP_PER_BOX). The newest audit of a box
 * is always kept (keepPerBox is at least 1), so "latest per box" never changes by pruning.
 */
export type NatAuditRetention = { keepDays: number; keepPerBox: number };

export function natAuditRetention(env: Record<string, string | undefined> = process.env): NatAuditRetention {
  const int = (v: string | undefined, fallback: number) => {
    const n = Number(v);
    return v !== undefined && v !== "" && Number.isInteger(n) && n >= 1 ? n : fallback;
  };
  return {
    keepDays: int(env.BRANCHDESK_NAT_AUDIT_KEEP_DAYS, 400),
    keepPerBox: int(env.BRANCHDESK_NAT_AUDIT_KEEP_PER_BOX, 200),
  };
}

/**
 * Deletes the audits of these boxes that the retention lets go; a kept audit whose `previousId`
 * named a deleted one loses that link (its delta and drift were computed when it was stored).
 * Returns how many went. Runs inside the audit run's write transaction.
 */
export async function pruneNatAudits(
  client: Pick<Db, "natAudit">,
  boxKeys: readonly string[],
  now: Date,
  retention: NatAuditRetention = natAuditRetention(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - retention.keepDays * 86_400_000);
  let deleted = 0;
  for (const boxKey of new Set(boxKeys)) {
    const newest = await client.natAudit.findMany({
      where: { boxKey },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: Math.max(1, retention.keepPerBox),
      select: { id: true },
    });
    const gone = await client.natAudit.findMany({
      where: { boxKey, at: { lt: cutoff }, id: { notIn: newest.map((r) => r.id) } },
      select: { id: true },
    });
    if (gone.length === 0) continue;
    const ids = gone.map((r) => r.id);
    await client.natAudit.updateMany({ where: { previousId: { in: ids } }, data: { previousId: null } });
    deleted += (await client.natAudit.deleteMany({ where: { id: { in: ids } } })).count;
  }
  return deleted;
}

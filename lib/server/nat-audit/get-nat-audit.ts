import { db, type Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";
import type { NatAuditDetailResponse } from "./nat-audit-views";
import { driftOf, rulesOf, SUMMARY_SELECT, toNatAuditSummary } from "./to-nat-audit-view";

const HISTORY = 20;

/** One audit: every rule with its class, counters, "never hit" and delta; its drift; the box's recent audits. */
export async function getNatAudit(id: number, client: Db = db()): Promise<NatAuditDetailResponse> {
  const row = await client.natAudit.findUnique({
    where: { id },
    select: { ...SUMMARY_SELECT, rules: true, drift: true },
  });
  if (!row) throw notFound(`NAT audit ${id}`);
  const history = await client.natAudit.findMany({
    where: { boxKey: row.boxKey },
    select: SUMMARY_SELECT,
    orderBy: { id: "desc" },
    take: HISTORY,
  });
  return {
    audit: { ...toNatAuditSummary(row), uptimeSeconds: row.uptimeSeconds },
    rules: rulesOf(row),
    drift: driftOf(row),
    history: history.map(toNatAuditSummary),
  };
}

/** The latest audit of a box, or null when it was never audited. */
export async function latestNatAuditId(box: string, client: Db = db()): Promise<number | null> {
  const row = await client.natAudit.findFirst({
    where: { boxKey: box },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}

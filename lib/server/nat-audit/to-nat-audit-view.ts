import type { NatAudit } from "@/prisma/generated/sqlite/client";
import type { NatAuditRule, NatAuditSummary, NatDrift } from "./nat-audit-views";

export type NatAuditRow = Pick<NatAudit, keyof typeof SUMMARY_SELECT>;

/** Summary columns only: what lists read, without the raw text. */
export const SUMMARY_SELECT = {
  id: true,
  runId: true,
  boxKey: true,
  kind: true,
  boxName: true,
  branchCode: true,
  createdBy: true,
  at: true,
  status: true,
  error: true,
  digest: true,
  ebtablesFormat: true,
  uptimeSeconds: true,
  previousId: true,
  counts: true,
  ruleCount: true,
  driftCount: true,
} as const;

export function toNatAuditSummary(row: NatAuditRow): NatAuditSummary {
  return {
    id: row.id,
    runId: row.runId,
    box: row.boxKey,
    kind: row.kind === "host" ? "host" : "gateway",
    boxName: row.boxName,
    branchCode: row.branchCode,
    createdBy: row.createdBy,
    at: row.at.toISOString(),
    status: row.status === "ok" ? "ok" : "failed",
    error: row.error,
    digest: row.digest,
    counts: JSON.parse(row.counts) as Record<string, number>,
    rules: row.ruleCount,
    drift: row.driftCount,
    previousId: row.previousId,
  };
}

export const rulesOf = (row: Pick<NatAudit, "rules">) => JSON.parse(row.rules) as NatAuditRule[];
export const driftOf = (row: Pick<NatAudit, "drift">) => JSON.parse(row.drift) as NatDrift[];

import type { TargetPlan } from "@/lib/rollout/rollout-types";

type RolloutRow = {
  id: number; createdAt: Date; createdBy: string; scope: string; dryRun: boolean; status: string;
  concurrency: number; canary: boolean; failureBudget: number; cancelRequested: boolean;
  startedAt: Date | null; finishedAt: Date | null; summary: string | null;
  targets?: { status: string }[];
};
type TargetRow = {
  id: number; kind: string; targetKey: string; label: string; branchCode: string; position: number; status: string;
  plan: string | null; output: string | null; error: string | null; startedAt: Date | null; finishedAt: Date | null;
};

export function toRolloutView(r: RolloutRow) {
  const counts: Record<string, number> = {};
  for (const t of r.targets ?? []) counts[t.status] = (counts[t.status] ?? 0) + 1;
  return {
    id: r.id, createdAt: r.createdAt.toISOString(), createdBy: r.createdBy,
    branchCodes: (JSON.parse(r.scope) as { branchCodes: string[] }).branchCodes,
    dryRun: r.dryRun, status: r.status, concurrency: r.concurrency, canary: r.canary, failureBudget: r.failureBudget,
    cancelRequested: r.cancelRequested, startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null, summary: r.summary, counts,
  };
}

export function toTargetView(t: TargetRow) {
  const durationMs = t.startedAt && t.finishedAt ? t.finishedAt.getTime() - t.startedAt.getTime() : null;
  return {
    id: t.id, kind: t.kind, key: t.targetKey, label: t.label, branchCode: t.branchCode, position: t.position,
    status: t.status, plan: t.plan ? (JSON.parse(t.plan) as TargetPlan) : null, output: t.output, error: t.error,
    startedAt: t.startedAt?.toISOString() ?? null, finishedAt: t.finishedAt?.toISOString() ?? null, durationMs,
  };
}
export type RolloutView = ReturnType<typeof toRolloutView>;
export type TargetView = ReturnType<typeof toTargetView>;

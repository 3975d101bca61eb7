import type { RolloutView, TargetView } from "@/lib/domain/rollouts/rollout-views";
import type { RolloutStatus, TargetKind, TargetPlan, TargetStatus } from "@/lib/rollout/rollout-types";

type RolloutRow = {
  id: number;
  createdAt: Date;
  createdBy: string;
  scope: string;
  dryRun: boolean;
  status: string;
  concurrency: number;
  canary: boolean;
  failureBudget: number;
  cancelRequested: boolean;
  startedAt: Date | null;
  finishedAt: Date | null;
  summary: string | null;
  targets?: { status: string }[];
};
type TargetRow = {
  id: number;
  kind: string;
  targetKey: string;
  label: string;
  branchCode: string;
  position: number;
  status: string;
  plan: string | null;
  output: string | null;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

// The API's lists of statuses (lib/domain) and the engine's (lib/rollout) must be the same: compiled, not trusted.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const agree: [Same<RolloutView["status"], RolloutStatus>, Same<TargetView["status"], TargetStatus>] = [true, true];
const agreeOnKinds: [Same<TargetView["kind"], TargetKind>, Same<TargetView["plan"], TargetPlan | null>] = [true, true];
void agree;
void agreeOnKinds;

// Statuses and kinds are the engine's own values read back from the database; apiHandler checks them on the way out.
export function toRolloutView(r: RolloutRow): RolloutView {
  const counts: RolloutView["counts"] = {};
  for (const t of r.targets ?? []) counts[t.status as TargetStatus] = (counts[t.status as TargetStatus] ?? 0) + 1;
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    branchCodes: (JSON.parse(r.scope) as { branchCodes: string[] }).branchCodes,
    dryRun: r.dryRun,
    status: r.status as RolloutStatus,
    concurrency: r.concurrency,
    canary: r.canary,
    failureBudget: r.failureBudget,
    cancelRequested: r.cancelRequested,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    summary: r.summary,
    counts,
  };
}

export function toTargetView(t: TargetRow): TargetView {
  const durationMs = t.startedAt && t.finishedAt ? t.finishedAt.getTime() - t.startedAt.getTime() : null;
  return {
    id: t.id,
    kind: t.kind as TargetKind,
    key: t.targetKey,
    label: t.label,
    branchCode: t.branchCode,
    position: t.position,
    status: t.status as TargetStatus,
    plan: t.plan ? (JSON.parse(t.plan) as TargetPlan) : null,
    output: t.output,
    error: t.error,
    startedAt: t.startedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
    durationMs,
  };
}

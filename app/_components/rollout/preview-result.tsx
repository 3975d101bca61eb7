import Link from "next/link";
import { planTotals } from "./plan-totals";
import { rolloutIsRunning, rolloutPath, type RolloutDetailResponse } from "./rollout-responses";
import { StatusBadge } from "./status-badge";
import { TargetPlan } from "./target-plan";

/** A preview's outcome: a one-line verdict, then each target's plan in rollout order. */
export function PreviewResult({ detail }: { detail: RolloutDetailResponse }) {
  const { rollout, targets } = detail;
  const running = rolloutIsRunning(rollout.status);
  const totals = planTotals(targets);
  const verdict = running
    ? `Reading ${targets.length} target${targets.length === 1 ? "" : "s"}…`
    : totals.changed === 0 && totals.failed === 0
      ? "No changes: every target already has its rules."
      : `${totals.changed} of ${totals.targets} targets would change: +${totals.add} rules, −${totals.remove} rules` +
        `${totals.failed ? `; ${totals.failed} could not be planned` : ""}.`;
  return (
    <div className="space-y-2" aria-busy={running || undefined}>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <Link href={rolloutPath(rollout.id)}>Preview #{rollout.id}</Link>
        <StatusBadge status={rollout.status} />
        <span role="status" data-testid="preview-verdict">
          {verdict}
        </span>
      </p>
      <div className="space-y-2">
        {targets.map((t) => (
          <TargetPlan key={t.id} target={t} />
        ))}
      </div>
    </div>
  );
}

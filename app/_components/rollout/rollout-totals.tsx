import type { TargetView } from "./rollout-responses";
import { StatusBadge } from "./status-badge";

/** Display order: outcomes first, then what is still moving. */
const ORDER = [
  "succeeded",
  "unchanged",
  "planned",
  "failed",
  "skipped",
  "interrupted",
  "applying",
  "verifying",
  "planning",
  "pending",
];

/** Targets per status, counted from the rows themselves so the totals and the table always agree. */
export function RolloutTotals({ targets }: { targets: readonly TargetView[] }) {
  const counts = new Map<string, number>();
  for (const t of targets) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const statuses = [...counts.keys()].sort((a, b) => rank(a) - rank(b));
  return (
    <dl aria-label="Totals" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      <div className="flex items-center gap-1.5">
        <dt className="text-slate-500">targets</dt>
        <dd className="font-semibold tabular-nums">{targets.length}</dd>
      </div>
      {statuses.map((s) => (
        <div key={s} className="flex items-center gap-1.5">
          <dt>
            <StatusBadge status={s} />
          </dt>
          <dd className="font-semibold tabular-nums" data-testid={`total-${s}`}>
            {counts.get(s)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function rank(status: string): number {
  const i = ORDER.indexOf(status);
  return i < 0 ? ORDER.length : i;
}

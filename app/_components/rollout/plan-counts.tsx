import type { TargetView } from "./rollout-responses";

type Counts = NonNullable<TargetView["plan"]>["counts"];

/** One target's plan in numbers: rules to add and remove first, the rest only when there are some. */
export function PlanCounts({ counts }: { counts: Counts }) {
  const extra = [
    counts.inPlace ? `${counts.inPlace} in place` : null,
    counts.settings ? `${counts.settings} setting${counts.settings === 1 ? "" : "s"} to fix` : null,
    counts.duplicates ? `${counts.duplicates} duplicate${counts.duplicates === 1 ? "" : "s"} to remove` : null,
    counts.foreign ? `${counts.foreign} foreign left alone` : null,
  ].filter(Boolean);
  return (
    <span className="text-xs text-slate-600">
      <span className="text-emerald-800">+{counts.add} to add</span>,{" "}
      <span className="text-red-800">−{counts.remove} to remove</span>
      {extra.length > 0 && `, ${extra.join(", ")}`}
    </span>
  );
}

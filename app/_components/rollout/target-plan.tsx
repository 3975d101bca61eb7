import { DiffLines } from "./diff-lines";
import { PlanCounts } from "./plan-counts";
import type { TargetView } from "./rollout-responses";
import { StatusBadge } from "./status-badge";

/** One target of a preview: what an apply would change on it, or why it could not be planned. */
export function TargetPlan({ target }: { target: TargetView }) {
  const headingId = `target-plan-${target.id}`;
  const plan = target.plan;
  return (
    <section aria-labelledby={headingId} className="space-y-1.5 rounded border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-mono text-sm font-semibold">
          {target.label}
        </h3>
        <span className="text-xs text-slate-500">{target.kind}</span>
        <StatusBadge status={target.status} />
        {plan &&
          (plan.changed ? (
            <span className="text-xs font-medium text-sky-800">changes</span>
          ) : (
            <span className="text-xs text-emerald-700">no changes</span>
          ))}
        {plan && <PlanCounts counts={plan.counts} />}
      </div>
      {target.error && (
        <p role="alert" className="text-sm text-red-800">
          {target.error}
        </p>
      )}
      {plan && <DiffLines lines={plan.diff} label={`Plan for ${target.label}`} />}
      {/* While a box's unconfirmed change resolves, the output says what the plan waits for. */}
      {!plan && !target.error && <p className="text-xs text-slate-500">{target.output || "Reading the box…"}</p>}
    </section>
  );
}

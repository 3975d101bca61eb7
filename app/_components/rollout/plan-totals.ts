import type { TargetView } from "./rollout-responses";

export type PlanTotals = {
  targets: number;
  /** Targets whose plan has changes (what an apply would touch). */
  changed: number;
  add: number;
  remove: number;
  /** Problems the apply fixes besides rules: missing or doubled jumps, sysctl settings, duplicates (the "! " lines). */
  fixes: number;
  /**
   * Targets that could not be planned (unreachable, host key, an unconfirmed
   * change, skipped behind their gateway): their plan is unknown.
   */
  failed: number;
};

/** What a preview adds up to across its targets: the numbers an operator confirms an apply with. */
export function planTotals(targets: readonly TargetView[]): PlanTotals {
  const totals: PlanTotals = { targets: targets.length, changed: 0, add: 0, remove: 0, fixes: 0, failed: 0 };
  for (const t of targets) {
    if (t.status === "failed" || t.status === "skipped") totals.failed++;
    if (!t.plan) continue;
    if (t.plan.changed) totals.changed++;
    totals.add += t.plan.counts.add;
    totals.remove += t.plan.counts.remove;
    totals.fixes += t.plan.diff.filter((line) => line.startsWith("! ")).length;
  }
  return totals;
}

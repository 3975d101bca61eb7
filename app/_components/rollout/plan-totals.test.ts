import { describe, expect, it } from "vitest";
import { planTotals } from "./plan-totals";
import type { TargetView } from "./rollout-responses";

const counts = { add: 0, remove: 0, inPlace: 0, foreign: 0, duplicates: 0, settings: 0 };
function target(status: TargetView["status"], plan: TargetView["plan"]): TargetView {
  return {
    id: 1,
    kind: "host",
    key: "k",
    label: "host h (BR-0001)",
    branchCode: "BR-0001",
    position: 0,
    status,
    plan,
    output: null,
    error: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
  };
}

describe("planTotals: the numbers an apply is confirmed with", () => {
  it("adds rules and counts changed targets; '! ' lines are the problems to fix, '? ' lines are not", () => {
    const totals = planTotals([
      target("planned", {
        changed: true,
        diff: ["+ -A X", "+ -A Y", "! jump missing", "? foreign: -A Z (left alone)"],
        counts: { ...counts, add: 2, foreign: 1 },
      }),
      target("planned", {
        changed: true,
        diff: ["- -A OLD", "! sysctl x is 0, want 1"],
        counts: { ...counts, remove: 1, settings: 1 },
      }),
      target("unchanged", { changed: false, diff: ["  -A KEPT"], counts: { ...counts, inPlace: 1 } }),
    ]);
    expect(totals).toEqual({ targets: 3, changed: 2, add: 2, remove: 1, fixes: 2, failed: 0 });
  });

  it("a target that could not be planned is counted as failed, not as unchanged", () => {
    expect(planTotals([target("failed", null), target("unchanged", { changed: false, diff: [], counts })])).toEqual({
      targets: 2,
      changed: 0,
      add: 0,
      remove: 0,
      fixes: 0,
      failed: 1,
    });
  });

  it("hosts skipped behind a gateway that could not be planned (in flux, unreachable) were not planned either", () => {
    expect(planTotals([target("failed", null), target("skipped", null), target("skipped", null)])).toEqual({
      targets: 3,
      changed: 0,
      add: 0,
      remove: 0,
      fixes: 0,
      failed: 3,
    });
  });
});

"use client";

import { useState } from "react";
import { useHydrated } from "@/app/_client/use-hydrated";
import { FormAlert } from "../form/form-alert";
import { ApplyBranchDialog } from "./apply-branch-dialog";
import { planTotals } from "./plan-totals";
import { PreviewResult } from "./preview-result";
import { rolloutIsRunning } from "./rollout-responses";
import { useRollout } from "./use-rollout";
import { useStartPreview } from "./use-start-rollout";

/**
 * The branch's rules: Preview reads every box (gateway first, then hosts) and
 * shows what an apply would change; Apply asks with those numbers, starts the
 * rollout and goes to its page. Operators only; viewers get the history.
 */
export function RulesPanel({ branchCode, canApply }: { branchCode: string; canApply: boolean }) {
  const hydrated = useHydrated();
  const [previewId, setPreviewId] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const start = useStartPreview(setPreviewId);
  const preview = useRollout(previewId);
  const planning =
    start.isPending || (preview.data ? rolloutIsRunning(preview.data.rollout.status) : previewId !== null);
  const totals = preview.data && !planning ? planTotals(preview.data.targets) : null;

  function onApply() {
    // Apply always confirms against a plan: make one if there is none yet.
    if (previewId === null && !start.isPending) start.mutate([branchCode]);
    setConfirming(true);
  }

  return (
    <section className="card space-y-3" aria-labelledby="rules-heading">
      <div className="flex min-h-7 flex-wrap items-center justify-between gap-2">
        <h2 id="rules-heading" className="text-sm font-semibold">
          Rules
        </h2>
        {canApply && (
          <div className="flex gap-2">
            <button
              type="button"
              className="btn btn-secondary"
              disabled={!hydrated || planning}
              onClick={() => start.mutate([branchCode])}
            >
              {planning ? "Previewing…" : "Preview"}
            </button>
            <button type="button" className="btn btn-primary" disabled={!hydrated} onClick={onApply}>
              Apply
            </button>
          </div>
        )}
      </div>
      {!canApply && (
        <p className="text-sm text-slate-500">
          Previewing and applying rules needs the operator role; recent rollouts are listed below.
        </p>
      )}
      {canApply && previewId === null && !start.isPending && (
        <p className="text-sm text-slate-500">
          Preview reads the gateway and every host over SSH and shows what an apply would change. Nothing is changed.
        </p>
      )}
      <FormAlert error={start.error ?? preview.error} />
      {preview.data && <PreviewResult detail={preview.data} />}
      {canApply && (
        <ApplyBranchDialog
          branchCode={branchCode}
          open={confirming}
          totals={totals}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}

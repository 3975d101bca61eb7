"use client";

import { ConfirmDialog } from "../confirm-dialog";
import type { PlanTotals } from "./plan-totals";
import { useStartApply } from "./use-start-rollout";

type Props = { branchCode: string; open: boolean; totals: PlanTotals | null; onClose: () => void };

/**
 * "Apply" asks first, with the numbers of the latest preview: how many boxes
 * change and how many rules come and go. The rollout re-plans every target
 * itself, so these are what was true a moment ago, said as such.
 */
export function ApplyBranchDialog({ branchCode, open, totals, onClose }: Props) {
  const apply = useStartApply();
  const cancel = () => {
    apply.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      title={`Apply rules to ${branchCode}?`}
      confirmLabel="Apply"
      pendingLabel="Starting…"
      pending={apply.isPending || apply.isSuccess}
      confirmDisabled={!totals}
      error={apply.error}
      onConfirm={() => apply.mutate({ branchCodes: [branchCode], dryRun: false })}
      onCancel={cancel}
    >
      {totals ? <TotalsText totals={totals} /> : <p aria-live="polite">Planning: reading every box of the branch…</p>}
      <p className="text-xs text-slate-500">
        Each box checks the new rules, applies them atomically and rolls itself back unless the support path is verified
        from head office.
      </p>
    </ConfirmDialog>
  );
}

function TotalsText({ totals }: { totals: PlanTotals }) {
  const s = (n: number) => (n === 1 ? "" : "s");
  return (
    <>
      <p data-testid="apply-counts">
        <strong>{totals.changed}</strong> of {totals.targets} target{s(totals.targets)} to change:{" "}
        <strong className="text-emerald-800">{totals.add}</strong> rule{s(totals.add)} to add,{" "}
        <strong className="text-red-800">{totals.remove}</strong> to remove
        {totals.fixes > 0 && (
          <>
            , and {totals.fixes} problem{s(totals.fixes)} to fix (jumps, settings)
          </>
        )}
        .
      </p>
      {totals.changed === 0 && <p>Nothing to change: the rollout will read every box and leave it as it is.</p>}
      {totals.failed > 0 && (
        <p className="text-amber-800">
          {totals.failed} target{s(totals.failed)} could not be planned; the rollout will try again and report why.
        </p>
      )}
    </>
  );
}

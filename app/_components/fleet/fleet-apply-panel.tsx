"use client";

import { useState } from "react";
import { useHydrated } from "@/app/_client/use-hydrated";
import { ConfirmDialog } from "../confirm-dialog";
import { rolloutOptionsBody } from "../rollout/rollout-options-body";
import { DEFAULT_ROLLOUT_OPTIONS, RolloutOptionsFields } from "../rollout/rollout-options-fields";
import { useStartApply } from "../rollout/use-start-rollout";

type Props = {
  selected: ReadonlySet<string>;
  /** Every branch code of the fleet, whatever the table's filter shows. */
  allCodes: readonly string[];
  shownCodes: readonly string[];
  onSelect: (codes: string[]) => void;
};

/**
 * Apply rules to the ticked branches or to all of them, after a question that
 * says how many. The rollout plans every target itself and goes gateway first,
 * then hosts, within each branch; its page shows the progress.
 */
export function FleetApplyPanel({ selected, allCodes, shownCodes, onSelect }: Props) {
  const hydrated = useHydrated();
  const [asking, setAsking] = useState<string[] | null>(null);
  const [options, setOptions] = useState(DEFAULT_ROLLOUT_OPTIONS);
  const [advanced, setAdvanced] = useState(false);
  const apply = useStartApply();
  const fields = apply.error?.fields ?? {};
  const count = (n: number) => `${n} branch${n === 1 ? "" : "es"}`;
  const failures = (n: string) => (n === "1" ? "1 failure has" : `${n} failures have`);
  const failureBudget = options.failureBudget.trim() || DEFAULT_ROLLOUT_OPTIONS.failureBudget;

  function confirm() {
    if (!asking) return;
    apply.mutate(
      { branchCodes: asking, dryRun: false, ...rolloutOptionsBody(options) },
      {
        // A refused option is shown beside its field, which lives in the folded section.
        onError: (e) => {
          if (e.fields.concurrency || e.fields.failureBudget) setAdvanced(true);
        },
      },
    );
  }

  return (
    <section aria-label="Apply rules" className="card space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold">Rules</span>
        <span className="text-sm text-slate-600" aria-live="polite">
          {count(selected.size)} selected
        </span>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!hydrated || shownCodes.length === 0}
          onClick={() => onSelect([...new Set([...selected, ...shownCodes])])}
        >
          Select shown
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!hydrated || selected.size === 0}
          onClick={() => onSelect([])}
        >
          Clear selection
        </button>
        <span className="flex-1" />
        <button
          type="button"
          className="btn btn-primary"
          disabled={!hydrated || selected.size === 0}
          onClick={() => {
            apply.reset();
            setAsking([...selected].sort());
          }}
        >
          Apply to selected
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!hydrated || allCodes.length === 0}
          onClick={() => {
            apply.reset();
            setAsking([...allCodes]);
          }}
        >
          Apply to all
        </button>
      </div>
      <RolloutOptionsFields
        value={options}
        onChange={setOptions}
        errors={fields}
        open={advanced}
        onToggle={setAdvanced}
      />
      <ConfirmDialog
        open={asking !== null}
        title={`Apply rules to ${count(asking?.length ?? 0)}?`}
        confirmLabel={`Apply to ${count(asking?.length ?? 0)}`}
        pendingLabel="Starting…"
        pending={apply.isPending || apply.isSuccess}
        error={apply.error}
        onConfirm={confirm}
        onCancel={() => setAsking(null)}
      >
        <p data-testid="apply-counts">
          <strong>{count(asking?.length ?? 0)}</strong>
          {asking && asking.length <= 5 && (
            <>
              {" "}
              (<span className="font-mono">{asking.join(", ")}</span>)
            </>
          )}
          : every gateway and host is read, and changed where its rules differ.
        </p>
        <ul className="list-disc pl-5 text-slate-700">
          <li>up to {options.concurrency.trim() || DEFAULT_ROLLOUT_OPTIONS.concurrency} targets at once</li>
          {options.canary && <li>the first branch alone as a canary, the rest only if it had no failure</li>}
          <li>no new target starts once {failures(failureBudget)} occurred</li>
        </ul>
        <p className="text-xs text-slate-500">
          Each box rolls itself back unless its support path is verified from head office.
        </p>
      </ConfirmDialog>
    </section>
  );
}

"use client";

import Link from "next/link";
import { formatAuditTime } from "../audit/audit-filters";
import { FormAlert } from "../form/form-alert";
import { RolloutActions } from "./rollout-actions";
import { RolloutProgressBar } from "./rollout-progress-bar";
import { RolloutTargetsTable } from "./rollout-targets-table";
import { RolloutTotals } from "./rollout-totals";
import { StatusBadge } from "./status-badge";
import { useRollout } from "./use-rollout";

/** A fleet-wide rollout names hundreds of branches; the targets table lists them all anyway. */
const SHOWN_BRANCHES = 12;

/**
 * A rollout as it happens: the server seeds the first view, then the page
 * polls about once a second while the rollout runs and stops once it ends.
 */
export function RolloutProgress({ id, canOperate }: { id: number; canOperate: boolean }) {
  const query = useRollout(id);
  if (!query.data) return <FormAlert error={query.error} />;
  const { rollout, targets } = query.data;
  const options = rollout.dryRun
    ? "preview (dry run): boxes are read, nothing is changed"
    : `up to ${rollout.concurrency} targets at once${rollout.canary ? ", first branch as canary" : ""}, ` +
      `stop after ${rollout.failureBudget} failure${rollout.failureBudget === 1 ? "" : "s"}`;
  return (
    <div className="space-y-4">
      <section className="card space-y-3" aria-label="Progress">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-semibold">Status</span>
            <span role="status" data-testid="rollout-status">
              <StatusBadge status={rollout.status} />
            </span>
            <span className="text-slate-500">
              by {rollout.createdBy}, started {formatAuditTime(rollout.createdAt)}
              {rollout.finishedAt && `, ended ${formatAuditTime(rollout.finishedAt)}`}
            </span>
          </p>
          {canOperate && <RolloutActions rollout={rollout} />}
        </div>
        <p className="text-sm">
          Branches:{" "}
          {rollout.branchCodes.slice(0, SHOWN_BRANCHES).map((code, i) => (
            <span key={code}>
              {i > 0 && ", "}
              <Link href={`/branches/${encodeURIComponent(code)}`} className="font-mono">
                {code}
              </Link>
            </span>
          ))}
          {rollout.branchCodes.length > SHOWN_BRANCHES &&
            ` and ${rollout.branchCodes.length - SHOWN_BRANCHES} more (see the targets)`}
          <span className="text-slate-500"> — {options}</span>
        </p>
        <RolloutProgressBar targets={targets} />
        <RolloutTotals targets={targets} />
        {rollout.summary && (
          <p className="text-sm" data-testid="rollout-summary">
            {rollout.summary}
          </p>
        )}
        <FormAlert error={query.error} />
      </section>
      <RolloutTargetsTable targets={targets} />
    </div>
  );
}

"use client";

import { useState } from "react";
import { DiffLines } from "./diff-lines";
import { formatDuration } from "./format-duration";
import { PlanCounts } from "./plan-counts";
import type { TargetView } from "./rollout-responses";
import { StatusBadge } from "./status-badge";

const COLUMNS = 7;

/** One target of a rollout; its plan (diff) and the agent's output fold out on demand, they are long. */
export function TargetRow({ target }: { target: TargetView }) {
  const [open, setOpen] = useState(false);
  const hasDetail = target.plan !== null || Boolean(target.output);
  const detailsId = `target-details-${target.id}`;
  return (
    <>
      <tr>
        <td className="font-mono">{target.label}</td>
        <td className="font-mono">{target.branchCode}</td>
        <td>{target.kind}</td>
        <td>
          <StatusBadge status={target.status} />
        </td>
        <td className="text-right tabular-nums">{formatDuration(target.durationMs)}</td>
        <td className="max-w-md break-words text-red-800">{target.error}</td>
        <td>
          {hasDetail && (
            <button
              type="button"
              className="text-xs text-sky-700 hover:underline"
              aria-expanded={open}
              aria-controls={detailsId}
              aria-label={`${open ? "Hide" : "Show"} details of ${target.label}`}
              onClick={() => setOpen(!open)}
            >
              {open ? "hide" : "details"}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className="bg-slate-50">
          <td colSpan={COLUMNS} className="space-y-2 py-2">
            {target.plan && (
              <div className="space-y-1">
                <p className="text-xs font-semibold text-slate-600">
                  Plan <PlanCounts counts={target.plan.counts} />
                </p>
                <DiffLines lines={target.plan.diff} label={`Plan for ${target.label}`} />
              </div>
            )}
            {target.output && (
              <div className="space-y-1">
                <p className="text-xs font-semibold text-slate-600">Output</p>
                <pre
                  aria-label={`Output of ${target.label}`}
                  className={
                    "max-h-80 overflow-auto whitespace-pre-wrap rounded " +
                    "border border-slate-200 bg-white p-2 font-mono text-xs"
                  }
                >
                  {target.output}
                </pre>
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

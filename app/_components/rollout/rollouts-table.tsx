"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { rolloutsQuery } from "@/app/_client/api-queries";
import { formatAuditTime } from "../audit/audit-filters";
import { FormAlert } from "../form/form-alert";
import { rolloutIsRunning, rolloutPath } from "./rollout-responses";
import { StatusBadge } from "./status-badge";

type Props = {
  /** The API's query string, also the query key the server page seeded: { branch?, limit? }. */
  params: Record<string, string>;
  label: string;
  /** One branch's list: its code in every row says nothing. */
  showBranches?: boolean;
};

/** Rollouts and previews, newest first; refreshed every few seconds while one of them runs. */
export function RolloutsTable({ params, label, showBranches = true }: Props) {
  const query = useQuery({
    ...rolloutsQuery(params),
    refetchInterval: (q) => (q.state.data?.rollouts.some((r) => rolloutIsRunning(r.status)) ? 3_000 : false),
  });
  const rollouts = query.data?.rollouts ?? [];
  const columns = showBranches ? 7 : 6;
  return (
    <div className="space-y-2">
      <FormAlert error={query.error} />
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Rollout</th>
            <th scope="col">Status</th>
            <th scope="col">Kind</th>
            <th scope="col">By</th>
            <th scope="col" className="w-44">
              Started (UTC)
            </th>
            {showBranches && <th scope="col">Branches</th>}
            <th scope="col">Summary</th>
          </tr>
        </thead>
        <tbody>
          {rollouts.map((r) => (
            <tr key={r.id}>
              <td className="font-mono">
                <Link href={rolloutPath(r.id)}>#{r.id}</Link>
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td>{r.dryRun ? "preview" : "apply"}</td>
              <td>{r.createdBy}</td>
              <td className="font-mono text-xs tabular-nums">{formatAuditTime(r.createdAt)}</td>
              {showBranches && <td className="font-mono text-xs">{branchList(r.branchCodes)}</td>}
              <td className="text-xs">
                {r.summary ?? (
                  <span className="text-slate-500">{rolloutIsRunning(r.status) ? "in progress" : "—"}</span>
                )}
              </td>
            </tr>
          ))}
          {rollouts.length === 0 && !query.isPending && (
            <tr>
              <td colSpan={columns} className="py-6 text-center text-slate-500">
                No rollouts yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A fleet-wide rollout names hundreds of branches: the first few and a count. */
function branchList(codes: readonly string[]): string {
  return codes.length <= 4 ? codes.join(", ") : `${codes.slice(0, 3).join(", ")} and ${codes.length - 3} more`;
}

"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { terminalSessionsQuery } from "@/app/_client/api-queries";
import type { TerminalSessionView } from "@/lib/domain/terminal/terminal-session-views";
import { FormAlert } from "../form/form-alert";
import { formatDuration } from "../rollout/format-duration";
import { formatBytes, PATH_LABEL } from "./terminal-labels";

/**
 * Terminal sessions, newest first, paged by cursor (the server seeds the first
 * page). Who, which box, which path and route, when, how long, how much each
 * way, why it ended and what was recorded.
 */
export function TerminalSessionsTable({
  filters,
  limit,
  label,
  showBox = true,
}: {
  filters: Record<string, string>;
  limit: number;
  label: string;
  showBox?: boolean;
}) {
  const query = useInfiniteQuery(terminalSessionsQuery(filters, limit));
  const sessions = query.data?.pages.flatMap((p) => p.sessions) ?? [];
  const columns = showBox ? 10 : 9;
  return (
    <div className="space-y-2">
      <FormAlert error={query.error} />
      <div className="overflow-x-auto">
        <table className="data-table" aria-label={label}>
          <thead>
            <tr>
              <th scope="col">Started (UTC)</th>
              <th scope="col">User</th>
              {showBox && <th scope="col">Box</th>}
              <th scope="col">Path</th>
              <th scope="col">Route</th>
              <th scope="col">Duration</th>
              <th scope="col">Bytes in</th>
              <th scope="col">Bytes out</th>
              <th scope="col">End</th>
              <th scope="col">Recording</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <SessionRow key={s.id} session={s} showBox={showBox} />
            ))}
            {sessions.length === 0 && !query.isFetching && (
              <tr>
                <td colSpan={columns} className="py-6 text-center text-slate-500">
                  No terminal sessions.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="flex items-center gap-3">
        {query.hasNextPage && (
          <button
            type="button"
            className="btn btn-secondary"
            disabled={query.isFetchingNextPage}
            onClick={() => query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? "Loading…" : "Load older sessions"}
          </button>
        )}
        <span className="text-xs text-slate-500" aria-live="polite">
          {query.isFetching ? "Loading…" : `${sessions.length} sessions shown`}
        </span>
      </div>
    </div>
  );
}

function SessionRow({ session: s, showBox }: { session: TerminalSessionView; showBox: boolean }) {
  const started = s.startedAt.replace("T", " ").replace(/\.\d+Z$/, "");
  return (
    <tr data-testid="terminal-session-row">
      <td className="whitespace-nowrap font-mono text-xs">
        <Link href={`/sessions/${encodeURIComponent(s.id)}`}>{started}</Link>
      </td>
      <td>{s.username}</td>
      {showBox && (
        <td className="font-mono text-xs">
          {s.box.name}{" "}
          <span className="text-slate-500">
            ({s.box.kind}, {s.branchCode})
          </span>
        </td>
      )}
      <td>{PATH_LABEL[s.path]}</td>
      <td className="font-mono text-xs">{s.route}</td>
      <td className="whitespace-nowrap">{s.durationMs === null ? "live" : formatDuration(s.durationMs)}</td>
      <td className="text-right">{formatBytes(s.bytesIn)}</td>
      <td className="text-right">{formatBytes(s.bytesOut)}</td>
      <td>{s.endedAt === null ? <Live /> : (s.endReason ?? "—")}</td>
      <td className="whitespace-nowrap">
        {formatBytes(s.recordingBytes)}
        {s.recordsInput && <span className="text-slate-600"> (with input)</span>}
        {s.recordingStopped && <span className="block text-xs text-amber-800">stopped: {s.recordingStopped}</span>}
      </td>
    </tr>
  );
}

const Live = () => <span className="font-medium text-emerald-800">live</span>;

"use client";

import { useState } from "react";
import type { AuditEventView } from "@/lib/domain/audit/audit-views";
import { formatAuditTime } from "./audit-filters";

/** One event; before/after snapshots fold out on demand (they are long JSON). */
export function AuditEventRow({ event }: { event: AuditEventView }) {
  const [open, setOpen] = useState(false);
  const hasDetail = event.before != null || event.after != null;
  return (
    <>
      <tr>
        <td className="font-mono text-xs tabular-nums">{formatAuditTime(event.at)}</td>
        <td>{event.actor}</td>
        <td className="whitespace-nowrap font-mono text-xs">{event.action}</td>
        <td className="font-mono text-xs">
          {event.entityType}
          {event.entityId ? ` ${event.entityId}` : ""}
        </td>
        <td>
          {event.summary}
          {event.requestId && <RequestLink id={event.requestId} />}
          {hasDetail && (
            <button
              type="button"
              className="ml-2 text-xs text-sky-700 hover:underline"
              aria-expanded={open}
              onClick={() => setOpen(!open)}
            >
              {open ? "hide changes" : "changes"}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr className="bg-slate-50">
          <td colSpan={5}>
            <div className="grid grid-cols-2 gap-3 text-xs">
              <Snapshot title="Before" json={event.before} />
              <Snapshot title="After" json={event.after} />
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

/** Every event the same request wrote: a change and what came with it (a rollout's start and end). */
function RequestLink({ id }: { id: string }) {
  return (
    <a
      className="ml-2 font-mono text-xs text-slate-500 hover:underline"
      href={`/audit?${new URLSearchParams({ requestId: id })}`}
      title={`request ${id}: show every event it wrote`}
    >
      request {id.slice(0, 8)}
    </a>
  );
}

function Snapshot({ title, json }: { title: string; json: unknown }) {
  const text = json == null ? "—" : JSON.stringify(json, null, 2);
  return (
    <div>
      <p className="font-semibold text-slate-600">{title}</p>
      <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-white p-2 font-mono">{text}</pre>
    </div>
  );
}

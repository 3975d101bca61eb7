import Link from "next/link";
import type { HealthIncidentView } from "@/lib/domain/health/health-views";
import { formatSpan, formatTime } from "./health-format";

/** Open incidents: one line per branch root cause instead of one alarm per host. */
export function IncidentList({ incidents, now }: { incidents: HealthIncidentView[]; now: number }) {
  const open = incidents.filter((i) => i.endedAt === null);
  return (
    <section aria-labelledby="incidents-heading" className="space-y-1">
      <h2 id="incidents-heading" className="text-sm font-semibold">
        Open incidents ({open.length})
      </h2>
      {open.length === 0 ? (
        <p className="text-sm text-slate-600">No open incident.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded border border-red-200 bg-white text-sm">
          {open.map((i) => (
            <li key={i.id} className="flex flex-wrap items-baseline gap-x-3 px-2 py-1">
              <Link href={`/branches/${encodeURIComponent(i.branchCode)}`} className="font-mono font-semibold">
                {i.branchCode}
              </Link>
              <span>{i.summary}</span>
              <span className="text-xs text-slate-600">
                {i.boxes} box{i.boxes === 1 ? "" : "es"} · since {formatTime(i.startedAt)} (
                {formatSpan(now - Date.parse(i.startedAt))})
              </span>
              {i.rolloutId !== null && <Link href={`/rollouts/${i.rolloutId}`}>rollout #{i.rolloutId}</Link>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

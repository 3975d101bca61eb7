import type { HealthEventView } from "@/lib/domain/health/health-views";
import { formatSpan, formatTime } from "./health-format";

/** State changes, newest first: what changed, when it started and ended, how long it lasted. */
export function EventTimeline({ events, now }: { events: HealthEventView[]; now: number }) {
  const sorted = [...events].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return (
    <div className="space-y-1">
      <h3 className="text-xs font-semibold">Events</h3>
      {sorted.length === 0 ? (
        <p className="text-sm text-slate-600">No state change recorded.</p>
      ) : (
        <table className="data-table" aria-label="Health events">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Change</th>
              <th scope="col">Reason</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((e) => (
              <tr key={e.id}>
                <td>{e.check === "box" ? "box state" : e.check}</td>
                <td className="whitespace-nowrap">
                  {e.from} → {e.to}
                </td>
                <td>{e.reason}</td>
                <td className="whitespace-nowrap">{formatTime(e.startedAt)}</td>
                <td className="whitespace-nowrap">{e.endedAt ? formatTime(e.endedAt) : "ongoing"}</td>
                <td className="whitespace-nowrap tabular-nums">
                  {formatSpan(e.durationMs ?? now - Date.parse(e.startedAt))}
                  {e.endedAt ? "" : " so far"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

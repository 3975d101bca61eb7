import type { HealthCheck } from "@/lib/domain/health/health-views";
import { CHECK_LABELS, orderChecks } from "./health-format";

const STATUS: Record<HealthCheck["status"], { word: string; symbol: string; tone: string }> = {
  fail: { word: "failing", symbol: "✖", tone: "text-red-800" },
  warn: { word: "warning", symbol: "▲", tone: "text-amber-800" },
  ok: { word: "ok", symbol: "✓", tone: "text-emerald-800" },
  unknown: { word: "unknown", symbol: "?", tone: "text-slate-600" },
};

/** The current checks, support path first, each with its reason in words. */
export function CheckList({ checks }: { checks: HealthCheck[] }) {
  if (checks.length === 0) return <p className="text-sm text-slate-600">No checks recorded yet.</p>;
  return (
    <table className="data-table" aria-label="Current checks">
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Status</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {orderChecks(checks).map((c) => {
          const s = STATUS[c.status];
          return (
            <tr key={c.check}>
              <th scope="row" className="font-medium">
                {CHECK_LABELS[c.check]}
              </th>
              <td className={`whitespace-nowrap ${s.tone}`}>
                <span aria-hidden>{s.symbol}</span> {s.word}
              </td>
              <td>{c.reason}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import Link from "next/link";
import type { NatAuditSummary } from "@/lib/server/nat-audit/nat-audit-views";
import { CLASS_LABEL, CLASSES, count, when } from "./nat-audit-format";

/** One row per box (its latest audit): counts per class, drift, when and by whom. */
export function FleetAuditTable({ audits }: { audits: NatAuditSummary[] }) {
  if (audits.length === 0) {
    return (
      <p className="text-sm text-slate-600">No audit matches. Operators can audit a box, a branch or the fleet.</p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="data-table" aria-label="Latest NAT audit per box">
        <thead>
          <tr>
            <th scope="col">Box</th>
            <th scope="col">Branch</th>
            {CLASSES.map((c) => (
              <th key={c} scope="col" className="text-right">
                {CLASS_LABEL[c]}
              </th>
            ))}
            <th scope="col" className="text-right">
              Drift
            </th>
            <th scope="col">Audited</th>
          </tr>
        </thead>
        <tbody>
          {audits.map((a) => (
            <tr key={a.id}>
              <td>
                <Link href={`/nat-audit/${a.id}`}>{a.boxName}</Link>{" "}
                <span className="text-xs text-slate-600">{a.kind}</span>
              </td>
              <td>
                <Link href={`/branches/${encodeURIComponent(a.branchCode)}`} className="font-mono">
                  {a.branchCode}
                </Link>
              </td>
              {a.status === "failed" ? (
                <td colSpan={CLASSES.length} className="text-sm text-red-800">
                  not read: {a.error}
                </td>
              ) : (
                CLASSES.map((c) => (
                  <td key={c} className="text-right tabular-nums">
                    {count(a.counts[c] ?? 0)}
                  </td>
                ))
              )}
              <td className="text-right tabular-nums">{count(a.drift)}</td>
              <td className="text-xs">
                {when(a.at)} by {a.createdBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

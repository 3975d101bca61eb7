import type { NatAuditRule } from "@/lib/server/nat-audit/nat-audit-views";
import { ClassBadge } from "./class-badge";
import { count, when } from "./nat-audit-format";

const delta = (n: number | null) => (n === null ? "—" : `+${count(n)}`);

/**
 * Every rule of one audit in table order, with its class, counters, "never hit since boot"
 * (a loaded rule with 0 packets: counters start when the rule is loaded, at boot for a
 * persisted rule set), the delta since the previous audit and why it is in its class.
 */
export function AuditRulesTable({ rules }: { rules: NatAuditRule[] }) {
  if (rules.length === 0) return <p className="text-sm text-slate-600">The nat tables hold no rule.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="data-table" aria-label="Rules">
        <thead>
          <tr>
            <th scope="col">Table / chain</th>
            <th scope="col">Rule</th>
            <th scope="col">Class</th>
            <th scope="col" className="text-right">
              Packets
            </th>
            <th scope="col" className="text-right">
              Bytes
            </th>
            <th scope="col" className="text-right">
              Δ packets
            </th>
            <th scope="col">First seen</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.key} data-class={r.class}>
              <td className="text-xs">
                {r.table} <span className="font-mono">{r.chain}</span>
                {r.index !== null && <span className="text-slate-600"> #{r.index}</span>}
              </td>
              <td className="max-w-xl font-mono text-xs break-all">
                {r.index === null && <span className="font-sans font-medium">expected: </span>}
                {r.text}
              </td>
              <td>
                <ClassBadge cls={r.class} shadowed={r.shadowed} />
              </td>
              <td className="text-right tabular-nums">
                {count(r.packets)}
                {r.neverHit && <span className="block text-xs text-amber-900">never hit since boot</span>}
              </td>
              <td className="text-right tabular-nums">{count(r.bytes)}</td>
              <td className="text-right tabular-nums">{delta(r.deltaPackets)}</td>
              <td className="text-xs">{r.firstSeen ? when(r.firstSeen) : "—"}</td>
              <td className="text-xs">
                {r.reason}
                {r.shadowedBy && <span className="block font-mono">after: {r.shadowedBy}</span>}
                {r.duplicateOf && <span className="block font-mono">copy of: {r.duplicateOf}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

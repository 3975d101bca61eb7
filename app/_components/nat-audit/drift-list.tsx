import type { NatDrift } from "@/lib/server/nat-audit/nat-audit-views";
import { when } from "./nat-audit-format";

/** Changes no Branchdesk rollout explains, with when an audit first saw each. */
export function DriftList({ drift, label }: { drift: NatDrift[]; label: string }) {
  if (drift.length === 0)
    return <p className="text-sm text-slate-600">No drift: nothing changed outside Branchdesk.</p>;
  return (
    <ul aria-label={label} className="space-y-1 text-sm">
      {drift.map((d, i) => (
        <li key={i}>
          <span className="font-medium">{d.change}</span> in {`${d.table} `}
          <span className="font-mono">{d.chain}</span>: <code className="text-xs break-all">{d.text}</code>{" "}
          <span className="text-xs text-slate-600">first seen {when(d.firstSeen)}</span>
        </li>
      ))}
    </ul>
  );
}

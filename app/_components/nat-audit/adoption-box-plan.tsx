import type { NatAdoptionBoxPlan } from "@/lib/domain/nat-audit/nat-adoption-views";

const at = (iso: string) => `${new Date(iso).toISOString().replace("T", " ").slice(0, 19)} UTC`;

/** One box of an adoption plan: the exact lines removed (`- `) and added (`+ `), from which audit. */
export function AdoptionBoxPlan({ plan: b, headed }: { plan: NatAdoptionBoxPlan; headed: boolean }) {
  return (
    <div className="space-y-1">
      {headed && (
        <h3 className="font-semibold">
          {b.boxName} <span className="font-normal text-slate-600">({b.kind})</span>
        </h3>
      )}
      <p>
        From the audit of {at(b.auditAt)}: {b.remove.length} line(s) removed, {b.add.length} added, {b.keep} left as
        they are.
      </p>
      <ul aria-label={`Lines the adoption changes on ${b.boxName}`} className="font-mono text-xs">
        {b.remove.map((r, i) => (
          <li key={`r${i}`} className="text-red-800">
            - {r.line} <span className="font-sans text-slate-600">({r.class})</span>
          </li>
        ))}
        {b.add.map((a, i) => (
          <li key={`a${i}`} className="text-green-800">
            + {a.line}
          </li>
        ))}
      </ul>
      {b.problems.map((m) => (
        <p key={m} role="alert" className="text-red-800">
          {m}
        </p>
      ))}
    </div>
  );
}

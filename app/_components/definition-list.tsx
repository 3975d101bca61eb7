import type { ReactNode } from "react";

/** Label/value pairs for detail cards; `mono` values are addresses and names that must line up. */
export function DefinitionList({ items }: { items: Array<{ label: string; value: ReactNode; mono?: boolean }> }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {items.map(({ label, value, mono }) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className={mono ? "font-mono" : undefined}>{value ?? <span className="text-slate-500">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

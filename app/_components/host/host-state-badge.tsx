/** Colour says where a host is in its lifecycle at a glance; the word says it for everyone. */
const STYLES: Record<string, string> = {
  planned: "bg-slate-100 text-slate-700 border-slate-300",
  enrolled: "bg-amber-50 text-amber-800 border-amber-300",
  active: "bg-emerald-50 text-emerald-800 border-emerald-300",
  retired: "bg-zinc-100 text-zinc-500 border-zinc-300 line-through",
};

export function HostStateBadge({ state }: { state: string }) {
  return <span className={`rounded border px-1.5 py-0.5 text-xs ${STYLES[state] ?? STYLES.planned}`}>{state}</span>;
}

/**
 * A rollout's or a target's status. Colour for a glance across a long table,
 * the word for everyone else (and for screen readers): green done, sky in
 * flight, amber waiting for a person, red failed, grey not touched.
 */
const STYLES: Record<string, string> = {
  succeeded: "bg-emerald-50 text-emerald-800 border-emerald-300",
  unchanged: "bg-emerald-50 text-emerald-700 border-emerald-200",
  planned: "bg-sky-50 text-sky-800 border-sky-300",
  running: "bg-sky-50 text-sky-800 border-sky-300",
  planning: "bg-sky-50 text-sky-800 border-sky-300",
  applying: "bg-sky-100 text-sky-900 border-sky-400",
  verifying: "bg-sky-100 text-sky-900 border-sky-400",
  interrupted: "bg-amber-50 text-amber-800 border-amber-300",
  cancelled: "bg-amber-50 text-amber-800 border-amber-300",
  failed: "bg-red-50 text-red-800 border-red-300",
  skipped: "bg-zinc-100 text-zinc-600 border-zinc-300",
  pending: "bg-slate-100 text-slate-600 border-slate-300",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`whitespace-nowrap rounded border px-1.5 py-0.5 text-xs ${STYLES[status] ?? STYLES.pending}`}>
      {status}
    </span>
  );
}

import { CLASS_LABEL } from "./nat-audit-format";

const TONE: Record<string, string> = {
  "in-place": "bg-emerald-100 text-emerald-900",
  missing: "bg-red-100 text-red-900",
  stale: "bg-amber-100 text-amber-900",
  duplicate: "bg-amber-100 text-amber-900",
  shadowed: "bg-purple-100 text-purple-900",
  "hand-made-equivalent": "bg-sky-100 text-sky-900",
  foreign: "bg-slate-200 text-slate-900",
};

/** A rule's class as text (never colour alone); a rule that can never fire says so too. */
export function ClassBadge({ cls, shadowed = false }: { cls: string; shadowed?: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${TONE[cls] ?? TONE.foreign}`}>
        {CLASS_LABEL[cls as keyof typeof CLASS_LABEL] ?? cls}
      </span>
      {shadowed && cls !== "shadowed" && (
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${TONE.shadowed}`}>never fires</span>
      )}
    </span>
  );
}

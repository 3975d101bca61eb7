/**
 * A target's plan as the engine words it (lib/rollout/ssh/plan-from-read.ts):
 * "+ " added, "- " removed, "! " a problem the apply fixes, "? " noticed but
 * never touched (foreign rules), "  " already in place. The marker stays in
 * the text, so the meaning does not depend on seeing the colour.
 */
const STYLES: Record<string, string> = {
  "+": "bg-emerald-50 text-emerald-800",
  "-": "bg-red-50 text-red-800",
  "!": "bg-amber-50 text-amber-900",
  "?": "text-slate-500",
};

function diffKind(line: string): "+" | "-" | "!" | "?" | " " {
  const marker = line.charAt(0);
  return marker === "+" || marker === "-" || marker === "!" || marker === "?" ? marker : " ";
}

export function DiffLines({ lines, label }: { lines: readonly string[]; label: string }) {
  if (lines.length === 0) return <p className="text-xs text-slate-500">No rules and no problems: nothing to show.</p>;
  return (
    <pre
      aria-label={label}
      className="overflow-x-auto rounded border border-slate-200 bg-white py-1 font-mono text-xs leading-5"
    >
      {lines.map((line, i) => (
        // Spans, not divs: <pre> may only hold phrasing content.
        <span key={i} data-diff={diffKind(line)} className={`block px-2 ${STYLES[diffKind(line)] ?? "text-slate-800"}`}>
          {line}
        </span>
      ))}
    </pre>
  );
}

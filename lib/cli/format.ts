/** Text output: aligned columns and short timestamps. Pure; the commands decide what goes in. */

/** Columns padded to their widest cell, two spaces apart; the last column is never padded. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return `${all.map(line).join("\n")}\n`;
}

/** "2026-11-30T22:41:07.123Z" -> "2026-11-30 22:41:07Z"; null -> "-". */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return "-";
  return iso.replace("T", " ").replace(/\.\d+Z$/, "Z");
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Sorts table rows by a column's value without mutating the input. Numbers
 * compare as numbers; IPv4 addresses compare numerically octet by octet
 * (as text "198.18.0.10" would sort before "198.18.0.9"); everything else by
 * locale with numeric collation so "h2" comes before "h10".
 */
export function sortRows<T>(
  rows: readonly T[],
  value: (row: T) => string | number | null | undefined,
  dir: "asc" | "desc",
): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => sign * compareValues(value(a), value(b)));
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function compareValues(a: string | number | null | undefined, b: string | number | null | undefined): number {
  // Empty cells last whichever way the column sorts would be nicer, but stable and predictable matters more.
  if (a == null || a === "") return b == null || b === "" ? 0 : -1;
  if (b == null || b === "") return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const ia = ipv4Number(String(a));
  const ib = ipv4Number(String(b));
  if (ia !== null && ib !== null) return ia - ib;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" });
}

function ipv4Number(text: string): number | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  return ((Number(m[1]) * 256 + Number(m[2])) * 256 + Number(m[3])) * 256 + Number(m[4]);
}

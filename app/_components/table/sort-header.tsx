"use client";

export type SortDir = "asc" | "desc";

type Props = {
  label: string;
  column: string;
  sort: string;
  dir: SortDir;
  onSort: (column: string, dir: SortDir) => void;
};

/**
 * A column header that sorts on click (again to reverse). aria-sort tells a
 * screen reader which column orders the table and which way.
 */
export function SortHeader({ label, column, sort, dir, onSort }: Props) {
  const active = sort === column;
  const next: SortDir = active && dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        className="inline-flex items-center gap-1 font-semibold hover:text-sky-700"
        onClick={() => onSort(column, next)}
      >
        {label}
        <span aria-hidden className="text-xs text-slate-500">
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

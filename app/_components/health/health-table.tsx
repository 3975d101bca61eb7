"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRef } from "react";
import type { BoxHealthView } from "@/lib/domain/health/health-views";
import { SortHeader } from "../table/sort-header";
import type { HealthFilters, HealthSortKey } from "./health-filters";
import { formatAgo, formatMs, silentSince } from "./health-format";
import { HealthStateBadge } from "./health-state-badge";

type Props = {
  rows: BoxHealthView[];
  filters: HealthFilters;
  onSort: (sort: HealthSortKey, dir: "asc" | "desc") => void;
  now: number;
  /** Shown in the body when no row is left. */
  empty: string;
};

/** Every row is this tall (one line, no wrapping), so the virtualizer never measures. */
const ROW_PX = 33;
const COLUMNS = 6;

export function boxHref(b: Pick<BoxHealthView, "kind" | "id" | "branchCode">): string {
  return b.kind === "host" ? `/hosts/${b.id}` : `/branches/${encodeURIComponent(b.branchCode)}#gateway-heading`;
}

/**
 * Every box, one row each, virtualized: only the rows in view (and a few around)
 * are in the DOM, so 10,000 boxes scroll like 30. It stays a real table: the
 * header and aria-rowcount/aria-rowindex tell a screen reader how many rows there
 * are and where it is; the scroll box is focusable so arrow keys and Page Down
 * scroll it, and each row's box link is reachable with Tab.
 */
export function HealthTable({ rows, filters, onSort, now, empty }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer hands back fresh functions each render; this component is not memoized, by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 10,
    // The first paint (and the server's HTML) shows a screenful before the box is measured.
    initialRect: { width: 1000, height: 600 },
    getItemKey: (i) => rows[i]!.box,
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const header = (label: string, column: HealthSortKey) => (
    <SortHeader
      label={label}
      column={column}
      sort={filters.sort}
      dir={filters.dir}
      onSort={(c, d) => onSort(c as HealthSortKey, d)}
    />
  );

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label="Box health, scrollable"
      tabIndex={0}
      className="max-h-[70vh] overflow-auto rounded border border-slate-200 bg-white"
    >
      <table className="data-table" aria-label="Box health" aria-rowcount={rows.length + 1}>
        <thead className="sticky top-0 z-10">
          <tr aria-rowindex={1}>
            {header("State", "status")}
            {header("Box", "name")}
            {header("Branch", "branch")}
            <th scope="col">Reason</th>
            {header("Support path", "support")}
            {header("Checked", "checked")}
          </tr>
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden style={{ height: top }}>
              <td colSpan={COLUMNS} className="border-0 p-0" />
            </tr>
          )}
          {items.map((item) => {
            const b = rows[item.index]!;
            return (
              <tr
                key={item.key}
                aria-rowindex={item.index + 2}
                style={{ height: ROW_PX }}
                className="whitespace-nowrap"
              >
                <td>
                  <HealthStateBadge state={b.status} />
                </td>
                <td className="font-mono">
                  <Link href={boxHref(b)} prefetch={false}>
                    {b.name}
                  </Link>
                  {b.kind === "gateway" && <span className="ml-1 text-xs text-slate-500">gateway</span>}
                </td>
                <td className="font-mono">{b.branchCode}</td>
                <td className="max-w-md truncate" title={b.summary}>
                  {b.silentSince && !b.summary.includes("silent since")
                    ? `${silentSince(b.silentSince, now)}: ${b.summary}`
                    : b.summary}
                </td>
                <td className="text-right tabular-nums">{formatMs(b.supportMs)}</td>
                <td className="tabular-nums">{formatAgo(b.checkedAt, now)}</td>
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden style={{ height: bottom }}>
              <td colSpan={COLUMNS} className="border-0 p-0" />
            </tr>
          )}
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS} className="py-6 text-center text-slate-500">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

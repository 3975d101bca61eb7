"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { branchesQuery } from "@/app/_client/api-queries";
import { replaceSearchParams } from "@/app/_client/replace-search-params";
import { useDebounced } from "@/app/_client/use-debounced";
import { FormAlert } from "../form/form-alert";
import { SortHeader } from "../table/sort-header";
import { fleetParams, type FleetFilters } from "./fleet-filters";
import { FleetToolbar } from "./fleet-toolbar";
import type { FleetSelection } from "./fleet-selection";

type Props = {
  initialFilters: FleetFilters;
  regions: string[];
  /** Operators pick branches to apply rules to; viewers get no checkboxes. */
  selection?: FleetSelection;
  /** Told which codes are shown, so "select the shown branches" selects exactly those. */
  onRowsChange?: (codes: string[]) => void;
};

/**
 * The fleet. The server seeds the first view (SeededQueries); filtering and
 * sorting then ask the API, which is where thousands of branches get filtered.
 */
export function FleetTable({ initialFilters, regions, selection, onRowsChange }: Props) {
  const [filters, setFilters] = useState(initialFilters);
  const q = useDebounced(filters.q);
  const params = fleetParams({ ...filters, q });

  useEffect(() => {
    // Defaults stay out of the address bar: "/" rather than "/?sort=code&dir=asc".
    replaceSearchParams({
      q,
      region: filters.region,
      sort: filters.sort === "code" ? "" : filters.sort,
      dir: filters.dir === "asc" ? "" : filters.dir,
    });
  }, [q, filters.region, filters.sort, filters.dir]);

  const query = useQuery({ ...branchesQuery(params), placeholderData: keepPreviousData });
  const rows = useMemo(() => query.data?.branches ?? [], [query.data]);
  const shownKey = rows.map((b) => b.code).join(" ");
  useEffect(() => onRowsChange?.(shownKey ? shownKey.split(" ") : []), [shownKey, onRowsChange]);
  const filtered = Boolean(filters.q || filters.region);
  const { top, bottom, items, bodyRef, measure } = useWindowRows(rows.length);
  const onSort = (sort: string, dir: "asc" | "desc") =>
    setFilters({ ...filters, sort: sort as FleetFilters["sort"], dir });
  const header = (label: string, column: FleetFilters["sort"]) => (
    <SortHeader label={label} column={column} sort={filters.sort} dir={filters.dir} onSort={onSort} />
  );

  return (
    <div className="space-y-2">
      <FleetToolbar
        filters={filters}
        regions={regions}
        onChange={setFilters}
        count={rows.length}
        loading={query.isFetching}
      />
      <FormAlert error={query.error} />
      <table className="data-table" aria-label="Branches" aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {header("Code", "code")}
            {header("Name", "name")}
            {header("Region", "region")}
            <th scope="col">LAN</th>
            <th scope="col">Gateway</th>
            {header("Hosts", "hostCount")}
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {top > 0 && <Spacer height={top} />}
          {items.map((item) => {
            const b = rows[item.index]!;
            return (
              <tr key={b.id} data-index={item.index} aria-rowindex={item.index + 2} ref={measure}>
                <td className="font-mono">
                  {/* In the code's cell, not a column of its own: the first column stays the code. */}
                  {selection && (
                    <input
                      type="checkbox"
                      className="mr-2 align-middle"
                      aria-label={`Select ${b.code}`}
                      checked={selection.selected.has(b.code)}
                      onChange={(e) => selection.toggle(b.code, e.target.checked)}
                    />
                  )}
                  <Link href={`/branches/${encodeURIComponent(b.code)}`}>{b.code}</Link>
                </td>
                <td>{b.name}</td>
                <td>{b.region}</td>
                <td className="font-mono">{b.lanCidr}</td>
                <td className="font-mono">{b.gateway?.hostname ?? <span className="text-slate-500">none</span>}</td>
                <td className="text-right tabular-nums">{b.hostCount}</td>
              </tr>
            );
          })}
          {bottom > 0 && <Spacer height={bottom} />}
          {rows.length === 0 && !query.isPending && (
            <tr>
              <td colSpan={6} className="py-6 text-center text-slate-500">
                {filtered ? "No branch matches these filters." : "No branches yet."}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A row's height before it is measured: one line of text with a checkbox. */
const ROW_PX = 33;

/** Stands in for the rows above or below the window, so the scroll bar is the whole table's. */
function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden style={{ height }}>
      <td colSpan={6} className="border-0 p-0" />
    </tr>
  );
}

/**
 * Only the rows near the window are in the DOM (@tanstack/react-virtual, against the
 * window's scroll so the page scrolls as before): 400 branches rendered as 400 rows with
 * links took ~2 s to first render. The first screenful is in the server's HTML
 * (initialRect), so a page without JavaScript yet still shows the top of the fleet.
 */
function useWindowRows(count: number) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (body) setMargin(body.getBoundingClientRect().top + window.scrollY);
  }, [count]);
  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize: () => ROW_PX,
    overscan: 10,
    scrollMargin: margin,
    initialRect: { width: 1200, height: 1000 },
  });
  const items = virtualizer.getVirtualItems();
  const top = items.length ? items[0]!.start - margin : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - (items.at(-1)!.end - margin) : 0;
  return { top, bottom, items, bodyRef, measure: virtualizer.measureElement };
}

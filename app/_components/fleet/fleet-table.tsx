"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
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
      <table className="data-table" aria-label="Branches">
        <thead>
          <tr>
            {header("Code", "code")}
            {header("Name", "name")}
            {header("Region", "region")}
            <th scope="col">LAN</th>
            <th scope="col">Gateway</th>
            {header("Hosts", "hostCount")}
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id}>
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
              <td className="font-mono">{b.gateway?.hostname ?? <span className="text-slate-400">none</span>}</td>
              <td className="text-right tabular-nums">{b.hostCount}</td>
            </tr>
          ))}
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

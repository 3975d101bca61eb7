"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useMemo, useState } from "react";
import { replaceSearchParams } from "@/app/_client/replace-search-params";
import { FormAlert } from "../form/form-alert";
import { BranchGrid } from "./branch-grid";
import { CheckNowButton } from "./check-now-button";
import { healthFiltersToParams, healthRowsQuery, selectHealthRows, type HealthFilters } from "./health-filters";
import { formatAgo } from "./health-format";
import { fleetHealthQuery, HEALTH_REFRESH_MS } from "./health-queries";
import { countsSentence } from "./health-states";
import { HealthTable } from "./health-table";
import { HealthToolbar } from "./health-toolbar";
import { IncidentList } from "./incident-list";

type Props = { initialFilters: HealthFilters; canOperate: boolean };

/**
 * The fleet's health: the counts in words, open incidents, a tile per branch, and the boxes
 * that are not ok in a virtualized table (every box on request, or of a branch or region: the
 * server is asked for what the filters need). It refetches in the background (no reload):
 * filters, sort and the table's scroll position stay as they are while the rows update.
 */
export function HealthView({ initialFilters, canOperate }: Props) {
  const [filters, setFilters] = useState(initialFilters);
  const query = useQuery({
    ...fleetHealthQuery(healthRowsQuery(filters)),
    refetchInterval: HEALTH_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  // Typing in the search box stays responsive at 10,000 rows: the table catches up a frame later.
  const deferred = useDeferredValue(filters);
  const rows = useMemo(() => (data ? selectHealthRows(data.boxes, deferred) : []), [data, deferred]);
  const regions = useMemo(() => [...new Set(data?.branches.map((b) => b.region))].sort(), [data]);
  const branchCodes = useMemo(() => data?.branches.map((b) => b.code).sort() ?? [], [data]);
  // The clock for "3 min ago" moves with each answer, not with every render.
  const now = useMemo(() => (data ? query.dataUpdatedAt : 0), [data, query.dataUpdatedAt]);

  useEffect(() => replaceSearchParams(healthFiltersToParams(filters)), [filters]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <p className="text-lg font-medium" data-testid="health-counts" aria-live="polite">
          {data ? countsSentence(data.counts) : query.isPending ? "Loading the fleet's health…" : ""}
        </p>
        {canOperate && <CheckNowButton target={{ fleet: true }} label="Check now: the whole fleet" />}
      </div>
      {data && (
        <p className="text-xs text-slate-600">
          {data.lastSweep
            ? `Last sweep ${formatAgo(data.lastSweep.startedAt, now)}, ` +
              `${data.lastSweep.boxes.toLocaleString("en-US")} boxes` +
              (data.lastSweep.finishedAt ? "" : " (still running)")
            : "No sweep has run yet."}{" "}
          {data.total.toLocaleString("en-US")} boxes in {data.branches.length.toLocaleString("en-US")} branches.
        </p>
      )}
      <FormAlert error={query.error} />
      {data && <IncidentList incidents={data.incidents} now={now} />}
      {data && data.branches.length > 0 && (
        <section aria-labelledby="branch-grid-heading" className="space-y-1">
          <h2 id="branch-grid-heading" className="text-sm font-semibold">
            Branches
          </h2>
          <BranchGrid branches={data.branches} />
        </section>
      )}
      <section aria-labelledby="boxes-heading" className="space-y-2">
        <div className="flex items-baseline gap-3">
          <h2 id="boxes-heading" className="text-sm font-semibold">
            Boxes
          </h2>
          {canOperate && filters.branch && (
            <CheckNowButton target={{ branch: filters.branch }} label={`Check now: branch ${filters.branch}`} />
          )}
        </div>
        <HealthToolbar
          filters={filters}
          onChange={setFilters}
          regions={regions}
          branches={branchCodes}
          shown={rows.length}
          total={data?.total ?? 0}
          okHidden={data?.scope.rows === "attention"}
        />
        <HealthTable
          rows={rows}
          filters={deferred}
          now={now}
          onSort={(sort, dir) => setFilters({ ...filters, sort, dir })}
          empty={
            data && data.total > 0 ? "No box matches these filters." : query.isPending ? "Loading…" : "No boxes yet."
          }
        />
      </section>
    </div>
  );
}

"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { auditQuery } from "@/app/_client/api-queries";
import { replaceSearchParams } from "@/app/_client/replace-search-params";
import { useDebounced } from "@/app/_client/use-debounced";
import { FormAlert } from "../form/form-alert";
import { AuditEventRow } from "./audit-event-row";
import { auditParams, type AuditFilters } from "./audit-filters";
import { AuditFiltersForm } from "./audit-filters-form";

/**
 * The audit log, newest first, filtered by the API and paged by cursor (the log
 * only grows; offsets would shift under a reader as new events arrive). The
 * server seeds the first page (SeededQueries).
 */
type Props = { initialFilters: AuditFilters; limit: number; entityTypes: string[] };

export function AuditTable({ initialFilters, limit, entityTypes }: Props) {
  const [filters, setFilters] = useState(initialFilters);
  const params = auditParams(useDebounced(filters));
  const paramsKey = JSON.stringify(params);

  useEffect(() => replaceSearchParams(JSON.parse(paramsKey) as Record<string, string>), [paramsKey]);

  const query = useInfiniteQuery(auditQuery(params, limit));
  const events = query.data?.pages.flatMap((p) => p.events) ?? [];

  return (
    <div className="space-y-2">
      <AuditFiltersForm filters={filters} onChange={setFilters} entityTypes={entityTypes} />
      <FormAlert error={query.error} />
      <table className="data-table" aria-label="Audit events">
        <thead>
          <tr>
            <th scope="col" className="w-44">
              Time (UTC)
            </th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Summary</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <AuditEventRow key={e.id} event={e} />
          ))}
          {events.length === 0 && !query.isFetching && (
            <tr>
              <td colSpan={5} className="py-6 text-center text-slate-500">
                No audit events match these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="flex items-center gap-3">
        {query.hasNextPage && (
          <button
            type="button"
            className="btn btn-secondary"
            disabled={query.isFetchingNextPage}
            onClick={() => query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? "Loading…" : "Load older events"}
          </button>
        )}
        <span className="text-xs text-slate-500" aria-live="polite">
          {query.isFetching ? "Loading…" : `${events.length} events shown`}
        </span>
      </div>
    </div>
  );
}

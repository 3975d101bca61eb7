"use client";

import type { FleetFilters } from "./fleet-filters";

type Props = {
  filters: FleetFilters;
  regions: string[];
  onChange: (f: FleetFilters) => void;
  count: number;
  loading: boolean;
};

/** Search and region filter above the fleet table. */
export function FleetToolbar({ filters, regions, onChange, count, loading }: Props) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="fleet-q" className="mb-0.5 block text-xs font-medium text-slate-700">
          Search
        </label>
        <input
          id="fleet-q"
          type="search"
          className="input w-64"
          placeholder="code, name or region"
          value={filters.q}
          onChange={(e) => onChange({ ...filters, q: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor="fleet-region" className="mb-0.5 block text-xs font-medium text-slate-700">
          Region
        </label>
        <select
          id="fleet-region"
          className="input w-48"
          value={filters.region}
          onChange={(e) => onChange({ ...filters, region: e.target.value })}
        >
          <option value="">All regions</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <p className="pb-1 text-xs text-slate-500" aria-live="polite">
        {loading ? "Loading…" : `${count} branch${count === 1 ? "" : "es"}`}
      </p>
    </div>
  );
}

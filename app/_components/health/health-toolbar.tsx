"use client";

import { BOX_HEALTH } from "@/lib/domain/health/health-views";
import type { HealthFilters } from "./health-filters";
import { STATE_STYLES } from "./health-states";

type Props = {
  filters: HealthFilters;
  onChange: (f: HealthFilters) => void;
  regions: string[];
  branches: string[];
  shown: number;
  total: number;
  /** The rows are the boxes that are not ok: say so beside the count. */
  okHidden: boolean;
};

const label = "mb-0.5 block text-xs font-medium text-slate-700";

/** Filters above the health table; they narrow together and live in the URL. */
export function HealthToolbar({ filters, onChange, regions, branches, shown, total, okHidden }: Props) {
  const set = (patch: Partial<HealthFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="health-q" className={label}>
          Search
        </label>
        <input
          id="health-q"
          type="search"
          className="input w-56"
          placeholder="box, branch or reason"
          value={filters.q}
          onChange={(e) => set({ q: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor="health-state" className={label}>
          State
        </label>
        <select
          id="health-state"
          className="input w-52"
          value={filters.state}
          onChange={(e) => set({ state: e.target.value as HealthFilters["state"] })}
        >
          <option value="">Any state</option>
          {BOX_HEALTH.map((s) => (
            <option key={s} value={s}>
              {STATE_STYLES[s].label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="health-region" className={label}>
          Region
        </label>
        <select
          id="health-region"
          className="input w-40"
          value={filters.region}
          onChange={(e) => set({ region: e.target.value })}
        >
          <option value="">All regions</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="health-branch" className={label}>
          Branch
        </label>
        <select
          id="health-branch"
          className="input w-36"
          value={filters.branch}
          onChange={(e) => set({ branch: e.target.value })}
        >
          <option value="">All branches</option>
          {branches.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </div>
      <label className="flex items-center gap-1 pb-1 text-sm">
        <input type="checkbox" checked={filters.failing} onChange={(e) => set({ failing: e.target.checked })} />
        Failing only
      </label>
      <label className="flex items-center gap-1 pb-1 text-sm">
        <input type="checkbox" checked={filters.silent} onChange={(e) => set({ silent: e.target.checked })} />
        Silent
      </label>
      <label className="flex items-center gap-1 pb-1 text-sm">
        <input type="checkbox" checked={filters.all} onChange={(e) => set({ all: e.target.checked })} />
        Include ok boxes
      </label>
      <p className="pb-1 text-xs text-slate-600" aria-live="polite" data-testid="health-shown">
        {shown.toLocaleString("en-US")} of {total.toLocaleString("en-US")} boxes
        {okHidden ? " (ok boxes not listed: include them, or pick a branch or region)" : ""}
      </p>
    </div>
  );
}

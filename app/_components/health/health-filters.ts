import {
  type BoxHealth,
  type BoxHealthView,
  type FleetHealthQuery,
  ZBoxHealth,
} from "@/lib/domain/health/health-views";
import { isFailing, severity } from "./health-states";

export const HEALTH_SORT_KEYS = ["status", "name", "branch", "region", "support", "checked"] as const;
export type HealthSortKey = (typeof HEALTH_SORT_KEYS)[number];

/** The Health page's view, as kept in the URL (?failing=1&state=host-down&region=North&sort=name). */
export type HealthFilters = {
  q: string;
  /** List ok boxes too (the server sends only the boxes that are not ok unless asked, or a branch or region is set). */
  all: boolean;
  failing: boolean;
  silent: boolean;
  state: BoxHealth | "";
  region: string;
  branch: string;
  sort: HealthSortKey;
  dir: "asc" | "desc";
};

export const DEFAULT_HEALTH_FILTERS: HealthFilters = {
  q: "",
  all: false,
  failing: false,
  silent: false,
  state: "",
  region: "",
  branch: "",
  sort: "status",
  dir: "asc",
};

const flag = (v: string | undefined) => v === "1" || v === "true";

/** A hand-edited URL with a bad value falls back to the default for that one field, not an error. */
export function parseHealthFilters(params: Record<string, string | undefined>): HealthFilters {
  const state = ZBoxHealth.safeParse(params.state);
  const sort = HEALTH_SORT_KEYS.find((k) => k === params.sort);
  return {
    q: params.q ?? "",
    all: flag(params.all),
    failing: flag(params.failing),
    silent: flag(params.silent),
    state: state.success ? state.data : "",
    region: params.region ?? "",
    branch: params.branch ?? "",
    sort: sort ?? DEFAULT_HEALTH_FILTERS.sort,
    dir: params.dir === "desc" ? "desc" : "asc",
  };
}

/** The URL's query: defaults stay out of the address bar ("/health", not "/health?sort=status&dir=asc"). */
export function healthFiltersToParams(f: HealthFilters): Record<string, string> {
  return {
    q: f.q,
    all: f.all ? "1" : "",
    failing: f.failing ? "1" : "",
    silent: f.silent ? "1" : "",
    state: f.state,
    region: f.region,
    branch: f.branch,
    sort: f.sort === DEFAULT_HEALTH_FILTERS.sort ? "" : f.sort,
    dir: f.dir === "asc" ? "" : f.dir,
  };
}

/**
 * What to ask GET /api/v1/health for: the boxes that are not ok, unless the view needs the ok
 * ones too (asked for, or filtered to "ok"); a branch or region brings every box there.
 */
export function healthRowsQuery(f: HealthFilters): FleetHealthQuery {
  return {
    rows: f.all || f.state === "ok" ? "all" : "attention",
    ...(f.branch ? { branch: f.branch } : {}),
    ...(f.region ? { region: f.region } : {}),
  };
}

/** A box answers the filters (all of them: they narrow together). q matches name, branch or the reason. */
export function matchesHealthFilters(box: BoxHealthView, f: HealthFilters): boolean {
  if (f.failing && !isFailing(box.status)) return false;
  if (f.silent && box.status !== "silent" && box.silentSince === null) return false;
  if (f.state && box.status !== f.state) return false;
  if (f.region && box.region !== f.region) return false;
  if (f.branch && box.branchCode !== f.branch) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    const hay = `${box.name} ${box.branchCode} ${box.summary}`.toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

const SORT_VALUE: Record<HealthSortKey, (b: BoxHealthView) => string | number | null> = {
  status: (b) => severity(b.status),
  name: (b) => b.name,
  branch: (b) => b.branchCode,
  region: (b) => b.region,
  support: (b) => b.supportMs,
  checked: (b) => b.checkedAt,
};

// One collator, not localeCompare per comparison: 10,000 rows sort in a few ms instead of ~100.
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function compare(a: string | number | null, b: string | number | null): number {
  // Empty values (never checked, no latency) sort last either way: they are not the news.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Filter then sort. Ties keep branch then name order, so a branch's failing hosts sit together.
 */
export function selectHealthRows(boxes: readonly BoxHealthView[], f: HealthFilters): BoxHealthView[] {
  const value = SORT_VALUE[f.sort];
  const sign = f.dir === "asc" ? 1 : -1;
  const keyed = boxes.filter((b) => matchesHealthFilters(b, f)).map((b) => ({ b, v: value(b) }));
  keyed.sort((x, y) => {
    const primary = x.v === null || y.v === null ? compare(x.v, y.v) : sign * compare(x.v, y.v);
    return primary || compare(x.b.branchCode, y.b.branchCode) || compare(x.b.name, y.b.name);
  });
  return keyed.map((k) => k.b);
}

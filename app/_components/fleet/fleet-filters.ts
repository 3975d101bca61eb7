import type { BRANCH_SORT_KEYS } from "@/lib/domain/inventory/branch-input";

export type FleetFilters = { q: string; region: string; sort: (typeof BRANCH_SORT_KEYS)[number]; dir: "asc" | "desc" };

/**
 * The query string (and query key) for GET /api/v1/branches. The server page
 * seeds the cache under this exact key, so both sides must build it here.
 */
export function fleetParams(filters: FleetFilters): Record<string, string> {
  return { q: filters.q, region: filters.region, sort: filters.sort, dir: filters.dir };
}

import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/app/_client/api-fetch";
import type { BoxHealthDetailResponse, FleetHealthQuery, FleetHealthResponse } from "@/lib/domain/health/health-views";

/**
 * The health API (lib/domain/health/health-views.ts is the contract). Kept here until
 * the collector's routes are on disk: app/_client/api-paths.test.ts holds apiPaths to
 * the route files, so these move to api-paths.ts / api-queries.ts when the routes land.
 */
export const healthPaths = {
  fleet: (q: FleetHealthQuery = { rows: "attention" }) => {
    const params = new URLSearchParams();
    if (q.rows !== "attention") params.set("rows", q.rows);
    if (q.branch) params.set("branch", q.branch);
    if (q.region) params.set("region", q.region);
    const qs = params.toString();
    return qs ? `/api/v1/health?${qs}` : "/api/v1/health";
  },
  box: (box: string) => `/api/v1/health/boxes/${encodeURIComponent(box)}`,
  check: () => "/api/v1/health/check",
};

/** How often the pages ask again: a sweep is every 5 min by default, Check now is quicker. */
export const HEALTH_REFRESH_MS = 15_000;

/** GET /health: the counts, the incidents, the branch tiles, and the boxes `q` asks for. */
export const fleetHealthQuery = (q: FleetHealthQuery = { rows: "attention" }) =>
  queryOptions({
    queryKey: ["health", "fleet", q.rows, q.branch ?? "", q.region ?? ""],
    queryFn: ({ signal }) => apiFetch<FleetHealthResponse>(healthPaths.fleet(q), { signal }),
  });

/** GET /health/boxes/{box}: one box's panel ("host:12", "gateway:3"). */
export const boxHealthQuery = (box: string) =>
  queryOptions({
    queryKey: ["health", "box", box],
    queryFn: ({ signal }) => apiFetch<BoxHealthDetailResponse>(healthPaths.box(box), { signal }),
  });

/** The body of POST /health/check: one box, one branch, or the whole fleet. */
export type CheckNowTarget = { box: string } | { branch: string } | { fleet: true };

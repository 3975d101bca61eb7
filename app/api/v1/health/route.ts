import { apiHandler } from "@/app/_server/api-handler";
import { ZFleetHealthQuery, ZFleetHealthResponse } from "@/lib/domain/health/health-views";
import { getFleetHealth } from "@/lib/server/health/get-fleet-health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary:
      "The fleet's health: counts, open incidents, each branch's worst state, and the boxes that are not ok " +
      "(or every box: rows=all, a branch, a region), worst first",
    query: ZFleetHealthQuery,
    response: ZFleetHealthResponse,
  },
  async ({ query }) => getFleetHealth(undefined, undefined, query),
);

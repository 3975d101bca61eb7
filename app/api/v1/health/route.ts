import { apiHandler } from "@/app/_server/api-handler";
import { ZFleetHealthResponse } from "@/lib/domain/health/health-views";
import { getFleetHealth } from "@/lib/server/health/get-fleet-health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "Every box's health, worst first, with counts, open incidents and each branch's worst state",
    response: ZFleetHealthResponse,
  },
  async () => getFleetHealth(),
);

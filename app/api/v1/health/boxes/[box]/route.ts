import { z } from "zod";
import { apiHandler } from "@/app/_server/api-handler";
import { zBoxKey } from "@/lib/domain/health/box-key";
import { ZBoxHealthDetailResponse } from "@/lib/domain/health/health-views";
import { getBoxHealth, HEALTH_RANGES, type HealthRange } from "@/lib/server/health/get-box-health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const ZQuery = z.object({
  range: z
    .enum(Object.keys(HEALTH_RANGES) as [HealthRange, ...HealthRange[]])
    .optional()
    .meta({ description: "how far back the samples go (24h by default; 5-min points up to 7d, hourly beyond)" }),
});

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "One box's health: its checks with reasons, its events, and samples for the charts",
    params: z.object({ box: zBoxKey() }),
    query: ZQuery,
    response: ZBoxHealthDetailResponse,
  },
  async ({ params, query }) => getBoxHealth(params.box, query.range),
);

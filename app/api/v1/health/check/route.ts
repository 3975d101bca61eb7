import { apiHandler } from "@/app/_server/api-handler";
import { parseBoxKey } from "@/lib/domain/health/box-key";
import { ZHealthCheckInput, ZHealthCheckStartedResponse } from "@/lib/domain/health/health-settings";
import { AppError } from "@/lib/server/errors/app-error";
import { startHealthCheck } from "@/lib/server/health/start-health-check";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Answers at once; the results land in GET /api/v1/health as each box is stored. */
export const POST = apiHandler(
  {
    role: "operator",
    summary: "Check now: sweep one box, a branch or the fleet in the background (202)",
    body: ZHealthCheckInput,
    response: ZHealthCheckStartedResponse,
    status: 202,
  },
  async ({ body }) => {
    if (body.box !== undefined) {
      const ref = parseBoxKey(body.box);
      if (!ref) throw new AppError("not_found", `box ${JSON.stringify(body.box)} does not exist`);
      return startHealthCheck({ box: ref });
    }
    if (body.branch !== undefined) return startHealthCheck({ branch: body.branch });
    return startHealthCheck({ fleet: true });
  },
);

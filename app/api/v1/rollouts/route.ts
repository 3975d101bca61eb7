import { z } from "zod";
import { apiHandler } from "@/app/_server/api-handler";
import { ZStartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import { ZRolloutListResponse, ZRolloutStartedResponse } from "@/lib/domain/rollouts/rollout-views";
import { zBranchCode } from "@/lib/domain/inventory/zod-values";
import { listRollouts } from "@/lib/server/rollouts/list-rollouts";
import { startRollout } from "@/lib/server/rollouts/start-rollout";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const ZRolloutListQuery = z.object({
  branch: zBranchCode().optional().meta({ description: "only rollouts that touch this branch code" }),
  limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: "at most this many (50 by default)" }),
});

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "Recent rollouts, newest first",
    query: ZRolloutListQuery,
    response: ZRolloutListResponse,
  },
  async ({ query }) => listRollouts({ branchCode: query.branch, limit: query.limit }),
);

/** Answers at once; progress is read from GET /rollouts/{id}. */
export const POST = apiHandler(
  {
    role: "operator",
    summary: "Start a rollout (or a dry run); answers at once with its id",
    body: ZStartRolloutInput,
    response: ZRolloutStartedResponse,
    status: 202,
  },
  async ({ actor, body }) => {
    const { id } = await startRollout(actor, body);
    return { rollout: { id } };
  },
);

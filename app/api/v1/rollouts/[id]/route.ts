import { apiHandler } from "@/app/_server/api-handler";
import { ZRolloutDetailResponse } from "@/lib/domain/rollouts/rollout-views";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { getRollout } from "@/lib/server/rollouts/get-rollout";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "A rollout with its targets and their progress",
    params: zRowIdParams("rollout"),
    response: ZRolloutDetailResponse,
  },
  async ({ params }) => getRollout(params.id),
);

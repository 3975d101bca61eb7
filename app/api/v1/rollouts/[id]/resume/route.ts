import { apiHandler } from "@/app/_server/api-handler";
import { ZRolloutStartedResponse } from "@/lib/domain/rollouts/rollout-views";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { resumeRollout } from "@/lib/server/rollouts/resume-rollout";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiHandler(
  {
    role: "operator",
    summary: "Resume an interrupted rollout",
    params: zRowIdParams("rollout"),
    response: ZRolloutStartedResponse,
    status: 202,
  },
  async ({ actor, params }) => {
    const { id } = await resumeRollout(actor, params.id);
    return { rollout: { id } };
  },
);

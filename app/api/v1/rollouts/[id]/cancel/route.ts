import { apiHandler } from "@/app/_server/api-handler";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { cancelRollout } from "@/lib/server/rollouts/cancel-rollout";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiHandler(
  {
    role: "operator",
    summary: "Ask a running rollout to stop after the targets in flight",
    params: zRowIdParams("rollout"),
    response: null,
  },
  async ({ actor, params }) => cancelRollout(actor, params.id),
);

import { apiHandler } from "@/app/_server/api-handler";
import { parseRolloutId } from "@/lib/server/rollouts/parse-rollout-id";
import { resumeRollout } from "@/lib/server/rollouts/resume-rollout";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiHandler<{ id: string }>("operator", async ({ actor, params }) => {
  const { id } = await resumeRollout(actor, parseRolloutId(params.id));
  return { rollout: { id } };
}, { status: 202 });

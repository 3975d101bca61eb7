import { apiHandler } from "@/app/_server/api-handler";
import { cancelRollout } from "@/lib/server/rollouts/cancel-rollout";
import { parseRolloutId } from "@/lib/server/rollouts/parse-rollout-id";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiHandler<{ id: string }>("operator", async ({ actor, params }) => cancelRollout(actor, parseRolloutId(params.id)));

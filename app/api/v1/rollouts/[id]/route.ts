import { apiHandler } from "@/app/_server/api-handler";
import { getRollout } from "@/lib/server/rollouts/get-rollout";
import { parseRolloutId } from "@/lib/server/rollouts/parse-rollout-id";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>("viewer", async ({ params }) => getRollout(parseRolloutId(params.id)));

import { z } from "zod";
import { apiHandler, parseWith, readJson } from "@/app/_server/api-handler";
import { ZStartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import { zBranchCode } from "@/lib/domain/inventory/zod-values";
import { listRollouts } from "@/lib/server/rollouts/list-rollouts";
import { startRollout } from "@/lib/server/rollouts/start-rollout";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const ZQuery = z.object({ branch: zBranchCode().optional(), limit: z.coerce.number().int().min(1).max(200).optional() });

export const GET = apiHandler("viewer", async ({ req }) => {
  const q = parseWith(ZQuery, Object.fromEntries(req.nextUrl.searchParams));
  return listRollouts({ branchCode: q.branch, limit: q.limit });
});

/** Starts a rollout (or a dry run) and answers at once; progress is read from GET /rollouts/{id}. */
export const POST = apiHandler("operator", async ({ req, actor }) => {
  const { id } = await startRollout(actor, await readJson(req, ZStartRolloutInput));
  return { rollout: { id } };
}, { status: 202 });

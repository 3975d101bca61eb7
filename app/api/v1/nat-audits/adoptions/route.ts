import { apiHandler } from "@/app/_server/api-handler";
import { ZNatAdoptionStarted, ZStartNatAdoptionInput } from "@/lib/domain/nat-audit/nat-adoption-views";
import { startNatAdoption } from "@/lib/server/nat-audit/start-nat-adoption";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Answers at once; progress is read from GET /rollouts/{id}. Audited as rollout.adopt. */
export const POST = apiHandler(
  {
    role: "operator",
    summary: "Adopt hand-made NAT rules: one rollout; confirm with the number of lines removed (see adoptions/plan)",
    body: ZStartNatAdoptionInput,
    response: ZNatAdoptionStarted,
    status: 202,
  },
  async ({ actor, body }) => {
    const { rollout, removeCount } = await startNatAdoption(actor, body);
    return { rollout, removeCount };
  },
);

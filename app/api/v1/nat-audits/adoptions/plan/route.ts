import { apiHandler } from "@/app/_server/api-handler";
import { ZNatAdoptionPlan, ZNatAdoptionPlanInput } from "@/lib/domain/nat-audit/nat-adoption-views";
import { planNatAdoption } from "@/lib/server/nat-audit/plan-nat-adoption";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Read-only: computed from each box's latest audit; an operator's, as the adoption it prepares. */
export const POST = apiHandler(
  {
    role: "operator",
    summary: "Plan adopting hand-made NAT rules: the exact lines removed and added per box, from its latest audit",
    body: ZNatAdoptionPlanInput,
    response: ZNatAdoptionPlan,
  },
  async ({ body }) => planNatAdoption(body.boxes),
);

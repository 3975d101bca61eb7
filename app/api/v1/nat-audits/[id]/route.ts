import { apiHandler } from "@/app/_server/api-handler";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { getNatAudit } from "@/lib/server/nat-audit/get-nat-audit";
import { ZNatAuditDetailResponse } from "@/lib/server/nat-audit/nat-audit-views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "One NAT audit: every rule with its class, counters, never-hit flag and delta; drift; the box's history",
    params: zRowIdParams("NAT audit"),
    response: ZNatAuditDetailResponse,
  },
  async ({ params }) => getNatAudit(params.id),
);

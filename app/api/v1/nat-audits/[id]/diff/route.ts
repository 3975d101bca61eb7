import { apiHandler } from "@/app/_server/api-handler";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { diffNatAudits } from "@/lib/server/nat-audit/diff-nat-audits";
import { ZNatAuditDiffResponse, ZNatDiffQuery } from "@/lib/server/nat-audit/nat-audit-views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "Two NAT audits of one box compared: rules added, removed, changed, and drift no rollout explains",
    params: zRowIdParams("NAT audit"),
    query: ZNatDiffQuery,
    response: ZNatAuditDiffResponse,
  },
  async ({ params, query }) => diffNatAudits(params.id, query.against),
);

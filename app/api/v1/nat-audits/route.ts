import { apiHandler } from "@/app/_server/api-handler";
import { listNatAudits } from "@/lib/server/nat-audit/list-nat-audits";
import {
  ZNatAuditListQuery,
  ZNatAuditListResponse,
  ZRunNatAuditInput,
  ZRunNatAuditResponse,
} from "@/lib/server/nat-audit/nat-audit-views";
import { runNatAudit } from "@/lib/server/nat-audit/run-nat-audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary:
      "NAT audit of the fleet: each box's latest audit with its rule counts per class (filters: class, branch, kind)",
    query: ZNatAuditListQuery,
    response: ZNatAuditListResponse,
  },
  async ({ query }) => listNatAudits(query),
);

/** Read-only on the boxes, but an operator's action, recorded in the audit log (nat-audit.run). */
export const POST = apiHandler(
  {
    role: "operator",
    summary: "Audit the NAT rules of a box, a branch or the fleet now (reads over SSH, stores one snapshot per box)",
    body: ZRunNatAuditInput,
    response: ZRunNatAuditResponse,
    status: 201,
  },
  async ({ actor, body }) => runNatAudit(actor, body),
);

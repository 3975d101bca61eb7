import { apiHandler } from "@/app/_server/api-handler";
import { ZAuditListResponse } from "@/lib/domain/audit/audit-views";
import { ZAuditQuery } from "@/lib/domain/audit/audit-query";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Every signed-in user reads the log; what they see depends on their role (account events: admins). */
export const GET = apiHandler(
  {
    role: "viewer",
    summary: "Audit events, newest first, filtered, keyset-paginated",
    query: ZAuditQuery,
    response: ZAuditListResponse,
  },
  async ({ actor, query }) => listAuditEvents(actor, query),
);

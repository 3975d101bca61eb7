import { apiHandler, readQuery } from "@/app/_server/api-handler";
import { ZAuditQuery } from "@/lib/domain/audit/audit-query";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Every signed-in user reads the log; what they see depends on their role (account events: admins). */
export const GET = apiHandler("viewer", async ({ req, actor }) => listAuditEvents(actor, readQuery(req, ZAuditQuery)));

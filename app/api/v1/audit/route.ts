import { apiHandler, readQuery } from "@/app/_server/api-handler";
import { ZAuditQuery } from "@/lib/domain/inventory/audit-query";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler("viewer", async ({ req }) => listAuditEvents(readQuery(req, ZAuditQuery)));

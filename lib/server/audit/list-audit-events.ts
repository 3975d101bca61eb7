import type { AuditQuery } from "@/lib/domain/inventory/audit-query";
import type { AuditListResponse } from "@/lib/domain/inventory/account-views";
import { db } from "@/lib/server/db/client";

/**
 * The audit log, newest first, filtered; keyset pagination on the id (stable
 * while new events keep arriving, unlike offsets). `action` ending in "." is a
 * prefix ("host." = every host change).
 */
export async function listAuditEvents(query: AuditQuery): Promise<AuditListResponse> {
  const action = query.action?.endsWith(".") ? { startsWith: query.action } : query.action;
  const rows = await db().auditEvent.findMany({
    where: {
      ...(query.entityType ? { entityType: query.entityType } : {}),
      ...(query.entityId ? { entityId: query.entityId } : {}),
      ...(query.actor ? { actor: query.actor } : {}),
      ...(action ? { action } : {}),
      ...(query.cursor ? { id: { lt: query.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    events: page.map((e) => ({
      id: e.id, at: e.at.toISOString(), actor: e.actor, action: e.action, entityType: e.entityType,
      entityId: e.entityId, summary: e.summary, before: parse(e.before), after: parse(e.after),
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

function parse(json: string | null): unknown {
  if (json === null) return null;
  try { return JSON.parse(json); } catch { return json; }
}

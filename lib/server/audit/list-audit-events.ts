import { visibleAuditEntityTypes, type AuditQuery } from "@/lib/domain/audit/audit-query";
import type { AuditListResponse } from "@/lib/domain/audit/audit-views";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";

/**
 * The audit log as `reader` may see it (visibleAuditEntityTypes: account events are for
 * admins), newest first, filtered; keyset pagination on the id (stable while new events keep
 * arriving, unlike offsets). `action` ending in "." is a prefix ("host." = every host change).
 */
export async function listAuditEvents(reader: Pick<Actor, "role">, query: AuditQuery): Promise<AuditListResponse> {
  const visible = visibleAuditEntityTypes(reader.role);
  if (visible && query.entityType && !visible.includes(query.entityType)) return { events: [], nextCursor: null };
  const entityType = query.entityType ?? (visible ? { in: [...visible] } : undefined);
  const action = query.action?.endsWith(".") ? { startsWith: query.action } : query.action;
  const rows = await db().auditEvent.findMany({
    where: {
      ...(entityType ? { entityType } : {}),
      ...(query.entityId ? { entityId: query.entityId } : {}),
      ...(query.actor ? { actor: query.actor } : {}),
      ...(action ? { action } : {}),
      ...(query.requestId ? { requestId: query.requestId } : {}),
      ...(query.cursor ? { id: { lt: query.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    events: page.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actor,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      summary: e.summary,
      before: parse(e.before),
      after: parse(e.after),
      requestId: e.requestId,
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

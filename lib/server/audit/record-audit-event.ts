import type { Tx } from "@/lib/server/db/client";
import { insertRows } from "@/lib/server/db/insert-rows";

export type AuditEntry = {
  actor: string;
  action: string;
  entity: { type: string; id?: string | number | null };
  summary: string;
  /** Snapshots; null (or undefined) is stored as NULL: nothing before a creation, after a deletion. */
  before?: unknown;
  after?: unknown;
  /** The correlation id of the request that wrote it (lib/server/request-context.ts). */
  requestId: string | null;
};

/**
 * Writes an AuditEvent inside the caller's transaction, so change and record commit
 * together. Services do not call it: writeTransaction's `audit` does. Only the sign-in
 * failure and refusal records (lib/server/auth), which change nothing else worth a
 * SERIALIZABLE transaction, write through it directly.
 */
export async function recordAuditEvent(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: auditEventData(entry) });
}

/**
 * Several events in one statement per 500, in order (ids ascend as before): a
 * bulk import writes one event per record (20,000 for 10,000 hosts with
 * guests), which one INSERT each would spend most of its time on.
 */
export async function recordAuditEvents(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length <= 1) return entries[0] ? recordAuditEvent(tx, entries[0]) : undefined;
  const at = new Date();
  const rows = entries
    .map(auditEventData)
    .map((e) => [at, e.actor, e.action, e.entityType, e.entityId, e.summary, e.before, e.after, e.requestId]);
  const columns = ["at", "actor", "action", "entityType", "entityId", "summary", "before", "after", "requestId"];
  await insertRows(tx, "AuditEvent", columns, rows);
}

function auditEventData(entry: AuditEntry) {
  return {
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entity.type,
    entityId: entry.entity.id == null ? null : String(entry.entity.id),
    summary: entry.summary,
    before: entry.before == null ? null : JSON.stringify(entry.before),
    after: entry.after == null ? null : JSON.stringify(entry.after),
    requestId: entry.requestId,
  };
}

export type AuditFilters = { actor: string; action: string; entityType: string; entityId: string; requestId: string };

/** The query key and query string of the audit table; the server page seeds the cache under it. */
export function auditParams(filters: AuditFilters): Record<string, string> {
  return {
    actor: filters.actor.trim(),
    action: filters.action.trim(),
    entityType: filters.entityType,
    entityId: filters.entityId.trim(),
    requestId: filters.requestId.trim(),
  };
}

/**
 * UTC with seconds, the same on server and browser (toLocaleString would differ
 * between them and break hydration), and what the server logs use.
 */
export function formatAuditTime(at: string): string {
  return new Date(at).toISOString().replace("T", " ").slice(0, 19) + "Z";
}

import { z } from "zod";
import type { Role } from "../role";

/**
 * What the audit log shows below admin: changes to the fleet and rollouts, with who made them
 * (that is the log's purpose). Account events (user changes, sign-ins, failed and refused
 * sign-ins) name every user, their role and the addresses they sign in from: like /users,
 * admins only. A list of what may be shown, not of what is hidden, so a new kind of event
 * stays with admins until someone decides otherwise here.
 */
/** import: a bulk import (issue 11), one event per file beside the events of the records it wrote. */
/** nat-audit: an operator's audit of NAT rules (issue 13), one event per run. */
export const FLEET_AUDIT_ENTITY_TYPES = [
  "branch",
  "gateway",
  "host",
  "guest",
  "rollout",
  "import",
  "nat-audit",
] as const;

/** Every kind of record an audit event is about. */
/** terminal-settings: the web terminal's admin settings (issue 10); like users, admins only. */
/** health-settings: the health schedule, retention and webhook (issue 12); admins only. */
/** directory-settings: LDAP sign-in settings and directory outages (issue 14); admins only. */
export const AUDIT_ENTITY_TYPES = [
  ...FLEET_AUDIT_ENTITY_TYPES,
  "user",
  "terminal-settings",
  "health-settings",
  "directory-settings",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** The entity types a role may see (and filter on) in the audit log; null = all of them. */
export function visibleAuditEntityTypes(role: Role): readonly string[] | null {
  return role === "admin" ? null : FLEET_AUDIT_ENTITY_TYPES;
}

/** Query-string input: numbers arrive as text. Newest first; `cursor` is the last id of the previous page. */
export const ZAuditQuery = z.object({
  entityType: z
    .string()
    .trim()
    .max(32)
    .optional()
    .meta({ description: "branch, gateway, host, guest, rollout, user (admins only)" }),
  entityId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .meta({ description: "branch code for branch/gateway, numeric id otherwise" }),
  actor: z.string().trim().max(64).optional(),
  action: z
    .string()
    .trim()
    .max(64)
    .optional()
    .meta({ description: "exact action (host.create) or a prefix ending in a dot (host.)" }),
  requestId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .meta({ description: "every event one request wrote (its X-Request-Id answer header)" }),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof ZAuditQuery>;

/** JSON answers of the session, user and audit routes, and the one error shape. */
import { z } from "zod";
import { ZRole } from "../role";

export const ZSessionUser = z
  .object({ id: z.number().int(), username: z.string(), role: ZRole })
  .meta({ id: "SessionUser" });
export const ZSessionResponse = z.object({ user: ZSessionUser });
export type SessionUser = z.infer<typeof ZSessionUser>;
export type SessionResponse = z.infer<typeof ZSessionResponse>;

/** Never carries the password hash. */
export const ZUserView = z.object({
  id: z.number().int(),
  username: z.string(),
  role: ZRole,
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).meta({ id: "UserView" });
export type UserView = z.infer<typeof ZUserView>;
export const ZUserListResponse = z.object({ users: z.array(ZUserView) });
export const ZUserResponse = z.object({ user: ZUserView });
export type UserListResponse = z.infer<typeof ZUserListResponse>;
export type UserResponse = z.infer<typeof ZUserResponse>;

export const ZAuditEventView = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string().meta({ description: "entity.verb, e.g. host.create" }),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  before: z.unknown().meta({ description: "the record before the change (JSON), null for a creation" }),
  after: z.unknown().meta({ description: "the record after the change (JSON), null for a deletion" }),
}).meta({ id: "AuditEventView" });
export type AuditEventView = z.infer<typeof ZAuditEventView>;
export const ZAuditListResponse = z.object({
  events: z.array(ZAuditEventView),
  nextCursor: z.number().int().nullable().meta({ description: "pass as ?cursor= for the next (older) page; null at the end" }),
});
export type AuditListResponse = z.infer<typeof ZAuditListResponse>;

export const ZErrorResponse = z.object({
  error: z.object({
    code: z.string().meta({ description: "validation, bad_request, unauthenticated, forbidden, not_found, conflict, payload_too_large, rate_limited, internal" }),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).meta({ description: "per-field problems keyed by input field name, nested with dots (guest.ip)" }),
  }),
}).meta({ id: "ErrorResponse" });
export type ErrorResponse = z.infer<typeof ZErrorResponse>;

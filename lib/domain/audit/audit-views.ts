/** JSON answers of the audit route. */
import { z } from "zod";

export const ZAuditEventView = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    actor: z.string(),
    action: z.string().meta({ description: "entity.verb, e.g. host.create" }),
    entityType: z.string(),
    entityId: z.string().nullable(),
    summary: z.string(),
    before: z.unknown().meta({ description: "the record before the change (JSON), null for a creation" }),
    after: z.unknown().meta({ description: "the record after the change (JSON), null for a deletion" }),
    requestId: z
      .string()
      .nullable()
      .meta({
        description:
          "the request that wrote it (its X-Request-Id answer header): filter on it for everything " +
          "that request changed; null for events older than the id",
      }),
  })
  .meta({ id: "AuditEventView" });
export type AuditEventView = z.infer<typeof ZAuditEventView>;
export const ZAuditListResponse = z.object({
  events: z.array(ZAuditEventView),
  nextCursor: z
    .number()
    .int()
    .nullable()
    .meta({ description: "pass as ?cursor= for the next (older) page; null at the end" }),
});
export type AuditListResponse = z.infer<typeof ZAuditListResponse>;

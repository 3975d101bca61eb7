import { z } from "zod";

/** Query-string input: numbers arrive as text. Newest first; `cursor` is the last id of the previous page. */
export const ZAuditQuery = z.object({
  entityType: z.string().trim().max(32).optional().meta({ description: "branch, gateway, host, guest, user" }),
  entityId: z.string().trim().max(64).optional().meta({ description: "branch code for branch/gateway, numeric id otherwise" }),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional().meta({ description: "exact action (host.create) or a prefix ending in a dot (host.)" }),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof ZAuditQuery>;

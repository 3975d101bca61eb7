/**
 * The API token routes as the CLI reads them (GET/POST /api/v1/tokens,
 * DELETE /api/v1/tokens/{id}). Loose objects: fields the dashboard adds pass
 * through to --json; the ones the text output needs are checked.
 */
import { z } from "zod";
import { ZRole } from "../domain/role";

const when = z.string().nullable().optional();

export const ZTokenView = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  role: ZRole,
  createdAt: z.string(),
  expiresAt: when,
  lastUsedAt: when,
  lastUsedFrom: z.string().nullable().optional(),
  owner: z.string().nullable().optional(),
});
export type TokenView = z.infer<typeof ZTokenView>;

export const ZTokenListResponse = z.looseObject({ tokens: z.array(ZTokenView) });

/** The secret comes back once, with the token's record. */
export const ZCreatedToken = z.looseObject({ token: ZTokenView, secret: z.string().startsWith("bdt_") });
export type CreatedToken = z.infer<typeof ZCreatedToken>;

export const ZCreateTokenInput = z.object({
  name: z.string().trim().min(1, "must not be empty").max(100),
  role: ZRole.optional(),
  expiresAt: z.iso.datetime().optional(),
  allowedCidrs: z.array(z.string()).optional(),
  service: z.boolean().optional(),
});
export type CreateTokenInput = z.infer<typeof ZCreateTokenInput>;

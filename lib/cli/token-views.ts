/**
 * The API token routes as the CLI reads them (GET/POST /api/v1/tokens,
 * DELETE /api/v1/tokens/{id}; the dashboard's own schemas are in
 * lib/domain/tokens/token-views.ts). Loose objects: a field the dashboard adds
 * passes through to --json; the ones the text output needs are checked.
 */
import { z } from "zod";
import { ZRole } from "../domain/role";

export const ZTokenView = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  role: ZRole,
  owner: z.object({ username: z.string() }).loose().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastClientAddress: z.string().nullable(),
  state: z.string().optional(),
});
export type TokenView = z.infer<typeof ZTokenView>;

export const ZTokenListResponse = z.looseObject({ tokens: z.array(ZTokenView) });
export const ZTokenResponse = z.looseObject({ token: ZTokenView });

/** The secret comes back once, with the token's record. */
export const ZCreatedToken = z.looseObject({ token: ZTokenView, secret: z.string().startsWith("bdt_") });
export type CreatedToken = z.infer<typeof ZCreatedToken>;

export type CreateTokenInput = {
  name: string;
  role: z.infer<typeof ZRole>;
  expiresInDays?: number;
  allowedCidrs?: string[];
  service?: boolean;
};

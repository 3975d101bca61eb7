/** JSON answers of the token routes. A view never carries the secret or its hash. */
import { z } from "zod";
import { ZRole } from "../role";

export const TOKEN_STATES = ["active", "expired", "revoked"] as const;

export const ZApiTokenView = z
  .object({
    id: z.number().int(),
    name: z.string(),
    role: ZRole,
    /** `bdt_<lookupId>_…`: recognisable, unusable. */
    hint: z.string(),
    owner: z.object({ id: z.number().int(), username: z.string() }).nullable(),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    allowedCidrs: z.array(z.string()),
    lastUsedAt: z.iso.datetime().nullable(),
    lastClientAddress: z.string().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    state: z.enum(TOKEN_STATES),
  })
  .meta({ id: "ApiTokenView" });
export type ApiTokenView = z.infer<typeof ZApiTokenView>;

export const ZApiTokenListResponse = z.object({ tokens: z.array(ZApiTokenView) });
export const ZApiTokenResponse = z.object({ token: ZApiTokenView });
export const ZApiTokenCreatedResponse = z.object({
  token: ZApiTokenView,
  secret: z.string().meta({ description: "the token itself (bdt_…): shown this once, never stored" }),
});
export type ApiTokenListResponse = z.infer<typeof ZApiTokenListResponse>;
export type ApiTokenCreatedResponse = z.infer<typeof ZApiTokenCreatedResponse>;

import { z } from "zod";

export const ZEnrolmentTokenView = z
  .object({
    id: z.number().int(),
    branchCode: z.string(),
    hostId: z.number().int().nullable(),
    expectedSerial: z.string().nullable(),
    hostname: z.string().nullable(),
    guestIp: z.string().nullable(),
    installFleetKey: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    usedAt: z.string().nullable(),
    usedByHostId: z.number().int().nullable(),
    /** unused | used | expired | revoked, as of the answer. */
    status: z.enum(["unused", "used", "expired", "revoked"]),
  })
  .meta({ id: "EnrolmentTokenView" });
export type EnrolmentTokenView = z.infer<typeof ZEnrolmentTokenView>;

export const ZEnrolmentTokenListResponse = z.object({ tokens: z.array(ZEnrolmentTokenView) });

/** The one answer that carries the token itself: it is never shown again. */
export const ZEnrolmentTokenCreatedResponse = z.object({
  token: ZEnrolmentTokenView,
  secret: z.string().meta({ description: "the token; shown once, only its hash is stored" }),
  url: z.string().meta({ description: "where the box fetches its script" }),
  oneLiner: z.string().meta({ description: "curl -fsS <url> | sh, to run as root on the new box" }),
  script: z.string().meta({ description: "the same script, to paste where there is no curl" }),
});
export type EnrolmentTokenCreatedResponse = z.infer<typeof ZEnrolmentTokenCreatedResponse>;

export const ZEnrolmentResponse = z
  .object({
    host: z.object({ id: z.number().int(), hostname: z.string(), branchCode: z.string(), state: z.string() }),
    /** created: a new host; updated: an existing host (same serial); replaced: hardware swap of a bound host. */
    outcome: z.enum(["created", "updated", "replaced"]),
    hostKeyFingerprint: z.string(),
    /** verified: the connect-back through the gateway saw the same key; unverified: it could not connect. */
    keyCheck: z.enum(["verified", "unverified"]),
    keyCheckNote: z.string(),
    /** The next step, for the techie at the box. */
    next: z.string(),
    applyPath: z.string().meta({ description: "the branch page, where Apply pushes its rules" }),
  })
  .meta({ id: "EnrolmentResponse" });
export type EnrolmentResponse = z.infer<typeof ZEnrolmentResponse>;

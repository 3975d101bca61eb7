import { z } from "zod";

/** The one error shape every /api/v1 answer uses (AppError.toJSON in lib/server/errors). */
export const ZErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({
        description:
          "validation, bad_request, unauthenticated, forbidden, not_found, conflict, payload_too_large, " +
          "rate_limited, internal",
      }),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).meta({
        description: "per-field problems keyed by input field name, nested with dots (guest.ip)",
      }),
    }),
  })
  .meta({ id: "ErrorResponse" });
export type ErrorResponse = z.infer<typeof ZErrorResponse>;

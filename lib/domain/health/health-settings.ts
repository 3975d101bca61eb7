import { z } from "zod";

/** The health schedule, retention and webhook as an admin sets them (PUT /api/v1/health/settings). */
export const ZHealthSettingsInput = z
  .object({
    intervalSeconds: z.number().int().min(60).max(86_400).meta({ description: "sweep every N seconds (300)" }),
    rawRetentionDays: z.number().int().min(1).max(90).meta({ description: "5-min samples kept this long (14)" }),
    hourRetentionDays: z.number().int().min(7).max(1825).meta({ description: "hourly means kept this long (180)" }),
    eventRetentionDays: z.number().int().min(7).max(1825).meta({ description: "closed events kept this long (180)" }),
    webhookUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .meta({ description: "POSTed a signed JSON body on every box state change; null: no webhook" }),
    webhookSecret: z
      .string()
      .min(16)
      .max(256)
      .nullable()
      .optional()
      .meta({ description: "HMAC-SHA256 key for X-Branchdesk-Signature; omitted: kept; null: cleared" }),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.hourRetentionDays < s.rawRetentionDays) {
      ctx.addIssue({
        code: "custom",
        path: ["hourRetentionDays"],
        message:
          `must be at least rawRetentionDays (${s.rawRetentionDays}): ` + "hourly means are made from the raw samples",
      });
    }
  });
export type HealthSettingsInput = z.infer<typeof ZHealthSettingsInput>;

export const ZHealthSettingsResponse = z
  .object({
    settings: z.object({
      intervalSeconds: z.number().int(),
      rawRetentionDays: z.number().int(),
      hourRetentionDays: z.number().int(),
      eventRetentionDays: z.number().int(),
      webhookUrl: z.string().nullable(),
      /** The secret itself is never answered. */
      webhookSecretSet: z.boolean(),
    }),
    webhook: z.object({ pending: z.number().int(), failed: z.number().int(), lastError: z.string().nullable() }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: "HealthSettings" });
export type HealthSettingsResponse = z.infer<typeof ZHealthSettingsResponse>;

/** POST /api/v1/health/check: exactly one of box, branch, fleet. */
export const ZHealthCheckInput = z
  .object({
    box: z.string().max(40).optional().meta({ description: '"host:12" or "gateway:3"' }),
    branch: z.string().max(40).optional().meta({ description: "branch code" }),
    fleet: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => [v.box, v.branch, v.fleet].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one of box, branch or fleet",
    path: ["box"],
  });

export const ZHealthCheckStartedResponse = z.object({ scope: z.string(), started: z.boolean() });

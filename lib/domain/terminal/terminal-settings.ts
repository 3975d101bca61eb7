import { z } from "zod";

/** The terminal's admin settings (one row, TerminalSettings), with the bounds an admin may set. */
export const ZTerminalSettings = z.strictObject({
  idleTimeoutSeconds: z.number().int().min(5, "idleTimeoutSeconds must be at least 5").max(86_400),
  idleWarningSeconds: z.number().int().min(1).max(3_600),
  maxSessionSeconds: z
    .number()
    .int()
    .min(10)
    .max(7 * 86_400),
  maxPerUser: z.number().int().min(1).max(1_000),
  maxTotal: z.number().int().min(1).max(10_000),
  recordInput: z.boolean(),
  sessionCapKiB: z
    .number()
    .int()
    .min(1)
    .max(10 * 1024 * 1024),
  totalCapKiB: z
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024),
});
export type TerminalSettings = z.infer<typeof ZTerminalSettings>;

export const TERMINAL_SETTINGS_DEFAULTS: TerminalSettings = {
  idleTimeoutSeconds: 900,
  idleWarningSeconds: 60,
  maxSessionSeconds: 8 * 3600,
  maxPerUser: 5,
  maxTotal: 100,
  recordInput: false,
  sessionCapKiB: 50 * 1024,
  totalCapKiB: 2 * 1024 * 1024,
};

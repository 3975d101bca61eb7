import { z } from "zod";
import { ZRole } from "../role";

export const ZUsername = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .regex(/^[a-z0-9][a-z0-9._-]{0,31}$/, "1-32 lower-case letters, digits, '.', '_', '-', starting with a letter or digit")
  .meta({ description: "sign-in name, e.g. jdupont" });

/** Long enough that the login rate limit, not guessing, is the weak point; the KDF handles any length up to 1 KiB. */
export const ZPassword = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .min(10, "must be at least 10 characters")
  .max(1024, "must be at most 1024 characters");

export const ZCreateUserInput = z.object({
  username: ZUsername,
  role: ZRole,
  password: ZPassword,
});
export type CreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z
  .object({
    role: ZRole.optional(),
    disabled: z.boolean().optional().meta({ description: "a disabled user cannot sign in; their sessions end" }),
    password: ZPassword.optional().meta({ description: "new password (an admin's reset)" }),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.password !== undefined, {
    error: "nothing to change: send role, disabled or password",
  });
export type UpdateUserInput = z.infer<typeof ZUpdateUserInput>;

import { z } from "zod";
import type { FieldErrors } from "../field-errors";
import { roleAllows, ZRole, type Role } from "../role";
import { zStrictInput } from "../strict-input";
import { unsafeCharacter } from "../values/free-text";
import { normaliseTokenCidrs } from "./token-cidrs";

export const MAX_TOKEN_CIDRS = 32;

export const ZTokenName = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .trim()
  .min(1, "give the token a name (what uses it: ci-deploy, nightly-export)")
  .max(64, "must be at most 64 characters")
  .superRefine((name, ctx) => {
    const bad = unsafeCharacter(name);
    if (bad) ctx.addIssue({ code: "custom", message: `must not contain ${bad}` });
  })
  .meta({ description: "what the token is for; shown in the list and in the audit log" });

export const ZCreateApiTokenInput = zStrictInput(
  {
    name: ZTokenName,
    role: ZRole.meta({ description: "at most your own role; the token also never acts above its owner's role" }),
    expiresInDays: z
      .number({ error: "must be a whole number of days" })
      .int("must be a whole number of days")
      .min(1, "must be at least 1 day")
      .max(3650, "must be at most 3650 days (10 years)")
      .optional()
      .meta({ description: "days until the token stops working; absent: it never expires" }),
    allowedCidrs: z
      .array(z.string().max(64, "must be at most 64 characters"))
      .max(MAX_TOKEN_CIDRS, `at most ${MAX_TOKEN_CIDRS} address ranges`)
      .default([])
      .meta({ description: "client addresses (IPv4/IPv6 CIDRs or addresses) it may be used from; [] = anywhere" }),
    service: z.boolean().default(false).meta({ description: "admins only: a service token that belongs to no person" }),
  },
  "a token has",
);
export type CreateApiTokenInput = z.infer<typeof ZCreateApiTokenInput>;

/**
 * What the creator may not ask for, by field: a role above their own (a viewer cannot mint an
 * operator token), a service token unless admin, a personal token with no person behind it.
 */
export function tokenInputProblems(
  input: { role: Role; service: boolean; allowedCidrs: readonly string[] },
  creator: { role: Role; hasOwner: boolean },
): FieldErrors {
  const errors: FieldErrors = {};
  if (!roleAllows(creator.role, input.role)) {
    errors.role = [`must be at most your own role (${creator.role}); ${input.role} is higher`];
  }
  if (input.service && creator.role !== "admin") errors.service = ["only admins create service tokens"];
  if (!input.service && !creator.hasOwner) {
    errors.service = [
      "no person acts here (a service token or the system) to own a personal token: send service: true",
    ];
  }
  const cidrs = normaliseTokenCidrs(input.allowedCidrs);
  if (!cidrs.ok) errors.allowedCidrs = cidrs.error;
  return errors;
}

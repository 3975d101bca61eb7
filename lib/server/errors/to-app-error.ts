import { z } from "zod";
import { AppError } from "./app-error";
import { uniqueInputField, uniqueViolation } from "./unique-violation";

const ZPrismaKnownError = z.object({
  code: z.string().regex(/^P\d{4}$/),
  meta: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Maps anything thrown to an AppError. Prisma errors are mapped by code, never
 * by message text (a P2002 names the input field from its structured meta:
 * unique-violation.ts); anything unknown is logged here, in one place, and masked.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const known = ZPrismaKnownError.safeParse(error);
  if (known.success) {
    switch (known.data.code) {
      case "P2002": {
        const violation = uniqueViolation(error);
        const hit = violation && uniqueInputField(violation);
        // Still a 409, but the table in unique-violation.ts wants the new constraint.
        if (!hit) console.warn("[branchdesk] a unique constraint unique-violation.ts does not know:", violation);
        const { field, message } = hit ?? { field: null, message: "this value is already in use" };
        return new AppError("conflict", message, field ? { [field]: [message] } : {});
      }
      case "P2025":
        return new AppError("not_found", "the record does not exist (it may have been deleted)");
      case "P2003":
      case "P2014":
        return new AppError("conflict", "the record is still referenced by others; remove those first");
      case "P2034":
        return new AppError("conflict", "a concurrent change conflicted with this one; try again");
    }
  }
  console.error("[branchdesk] unexpected error:", error);
  return new AppError("internal", "internal error; the details are in the server log");
}

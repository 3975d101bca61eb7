import { hasFieldErrors, summarizeFieldErrors, type FieldErrors } from "@/lib/domain/field-errors";
import { AppError } from "@/lib/server/errors/app-error";

/** Throws the validation AppError carrying every field problem, or returns when there are none. */
export function assertValid(errors: FieldErrors, subject: string): void {
  if (hasFieldErrors(errors)) throw new AppError("validation", `${subject} — ${summarizeFieldErrors(errors)}`, errors);
}

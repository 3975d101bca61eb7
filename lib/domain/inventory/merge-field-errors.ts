import { addFieldError, type FieldErrors } from "../field-errors";

/** Adds every message of `from` to `into` (checks compose: a host form includes its guest's). */
export function mergeFieldErrors(into: FieldErrors, from: FieldErrors): FieldErrors {
  for (const [field, messages] of Object.entries(from)) for (const m of messages) addFieldError(into, field, m);
  return into;
}

/** Every problem with an input at once, keyed by field ("guest.ip", "lanCidr"). */
export type FieldErrors = Record<string, string[]>;

export function addFieldError(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

/** Adds every message of `from` to `into` (checks compose: a host form includes its guest's). */
export function mergeFieldErrors(into: FieldErrors, from: FieldErrors): FieldErrors {
  for (const [field, messages] of Object.entries(from)) for (const m of messages) addFieldError(into, field, m);
  return into;
}

export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** A readable one-line summary: "lanCidr: ...; guest.ip: ...". */
export function summarizeFieldErrors(errors: FieldErrors): string {
  return Object.entries(errors)
    .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
    .join("; ");
}

import { hasFieldErrors, summarizeFieldErrors, type FieldErrors } from "@/lib/domain/field-errors";

export const ERROR_STATUS = {
  validation: 422,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one error type that reaches a user. `message` is written for a techie
 * (what is wrong and what to do); `fields` carries per-field problems.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON(): { error: { code: ErrorCode; message: string; fields: FieldErrors } } {
    return { error: { code: this.code, message: this.message, fields: this.fields } };
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} does not exist`);

/** Throws the validation AppError carrying every field problem, or returns when there are none. */
export function assertValid(errors: FieldErrors, subject: string): void {
  if (!hasFieldErrors(errors)) return;
  throw new AppError("validation", `${subject} — ${summarizeFieldErrors(errors)}`, errors);
}

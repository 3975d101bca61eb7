/** Field keys follow the API's input names, nested with dots ("guest.ip"). */
export type ApiFieldErrors = Record<string, string[]>;

/**
 * What a failed /api/v1 call becomes on the client: the API's
 * `{ error: { code, message, fields } }` plus the HTTP status, so forms can
 * show the message on top and each field's problems beside the field.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: ApiFieldErrors = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The problems for one field (or none). */
  field(name: string): string[] {
    return this.fields[name] ?? [];
  }
}

/** Narrow an unknown mutation/query error to the fields it carries. */
export function fieldErrorsOf(error: unknown): ApiFieldErrors {
  return error instanceof ApiError ? error.fields : {};
}

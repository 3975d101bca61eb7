import { err, ok, type Result } from "../result";

/** An RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
export type Hostname = string & { readonly __brand: "Hostname" };

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function parseHostname(input: unknown): Result<Hostname> {
  if (typeof input !== "string") return err("must be a string");
  if (input.length === 0) return err("must not be empty");
  if (input.length > 253) return err("is longer than 253 characters");
  const lower = input.toLowerCase();
  for (const label of lower.split(".")) {
    if (!LABEL.test(label)) {
      return err(
        `${JSON.stringify(input)} is not a valid host name ` +
          `(RFC 1123 labels: letters, digits, inner hyphens, 1-63 chars)`,
      );
    }
  }
  return ok(lower as Hostname);
}

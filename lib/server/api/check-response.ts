import { z } from "zod";

/**
 * The answer as its contract declares it, in every environment: parsed, so
 * the response schema is the allow-list of what leaves the server (a field a
 * service returns by mistake, a hash or a token, is dropped rather than sent).
 * A result that does not match is a server bug, and the client was promised
 * the shape: it is thrown as a plain Error, which toAppError logs and answers
 * as a masked 500, in production too, rather than sending a broken answer.
 *
 * Outside production a field the schema does not declare fails as well, so a
 * handler and its contract cannot drift apart quietly in development and in
 * the tests (in production such a field is just dropped).
 */
export function checkResponse(schema: z.ZodType, result: unknown, what: string, strict = isStrict()): unknown {
  const parsed = schema.safeParse(result);
  if (!parsed.success) {
    throw new Error(`${what} answered what its contract does not declare:\n${z.prettifyError(parsed.error)}`);
  }
  const extra = strict ? undeclaredFields(result, parsed.data) : [];
  if (extra.length > 0) {
    throw new Error(`${what} answered fields its contract does not declare: ${extra.join(", ")}`);
  }
  return parsed.data;
}

const isStrict = () => process.env.NODE_ENV !== "production";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Paths ("hosts.0.guest.secret") present in what the handler returned but dropped by the parse. */
export function undeclaredFields(sent: unknown, kept: unknown, at = ""): string[] {
  const path = (key: string | number) => (at ? `${at}.${key}` : String(key));
  if (Array.isArray(sent) && Array.isArray(kept)) {
    return sent.flatMap((item, i) => undeclaredFields(item, kept[i], path(i)));
  }
  if (!isPlainObject(sent) || !isPlainObject(kept)) return [];
  return Object.entries(sent).flatMap(([key, value]) => {
    // JSON leaves undefined out: an unset optional field is not an extra one.
    if (!Object.hasOwn(kept, key)) return value === undefined ? [] : [path(key)];
    return undeclaredFields(value, kept[key], path(key));
  });
}

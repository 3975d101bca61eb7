/**
 * Decides, from the OpenAPI schema and the house rules, whether an input must
 * be refused. The fuzz test does not predict the answer to a valid request
 * (an inventory invariant may still refuse it); it only holds the server to
 * refusing what is plainly invalid, so a 2xx to one of these is a finding.
 */
import type { JsonSchema } from "./openapi-walk";
import { WORD_FIELDS } from "./fuzz-fields";

// Text that is not Unicode: it cannot be stored as sent (PostgreSQL refuses it, SQLite mangles it).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// What a shell, virsh or a log line would read as syntax; checked after trimming (fingerprints are trimmed).
const SHELL_SYNTAX = /[\s$`;&|<>(){}\\'"!*?\u0000-\u001f\u007f]/;

const jsonType = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

function typeOk(value: unknown, types: string[], query: boolean): boolean {
  if (types.length === 0) return true;
  const t = jsonType(value);
  if (query && t === "string") return true; // query values are text; the number checks below coerce them like z.coerce
  if (t === "number") return types.includes("number") || (types.includes("integer") && Number.isInteger(value));
  return types.includes(t);
}

function stringProblems(field: string, name: string, s: JsonSchema, value: string): string[] {
  const out: string[] = [];
  if (LONE_SURROGATE.test(value)) out.push(`${field} holds a lone surrogate (not Unicode text)`);
  if (s.minLength !== undefined && value.length < s.minLength) out.push(`${field} is shorter than ${s.minLength}`);
  // Code points of the trimmed text: the server may trim and may count UTF-16 units, neither can rescue this.
  const { maxLength } = s;
  if (maxLength !== undefined && [...value.trim()].length > maxLength) out.push(`${field} is over ${maxLength} long`);
  if (s.pattern && !new RegExp(s.pattern).test(value)) out.push(`${field} does not match ${s.pattern}`);
  if (WORD_FIELDS.has(name) && SHELL_SYNTAX.test(value.trim())) out.push(`${field} holds shell syntax or whitespace`);
  return out;
}

function numberProblems(field: string, s: JsonSchema, n: number): string[] {
  const types = [s.type ?? []].flat();
  if (types.includes("string") && !types.includes("integer") && !types.includes("number")) return [];
  if (!Number.isFinite(n)) return [`${field} is not a finite number`];
  const out: string[] = [];
  if (!types.includes("number") && !Number.isInteger(n)) out.push(`${field} is not an integer`);
  if (s.minimum !== undefined && n < s.minimum) out.push(`${field} is below minimum ${s.minimum}`);
  const { exclusiveMinimum } = s;
  if (exclusiveMinimum !== undefined && n <= exclusiveMinimum) out.push(`${field} is not above ${exclusiveMinimum}`);
  if (s.maximum !== undefined && n > s.maximum) out.push(`${field} is above maximum ${s.maximum}`);
  return out;
}

/**
 * Every reason `value` must be refused against `schema`. `name` is the property
 * name (array items inherit it), `query` applies query-string coercion.
 */
export function violations(schema: JsonSchema, value: unknown, field = "body", name = "", query = false): string[] {
  if (schema.anyOf) {
    const each = schema.anyOf.map((s) => violations(s, value, field, name, query));
    return each.some((v) => v.length === 0) ? [] : each[0]!;
  }
  const types = [schema.type ?? []].flat();
  if (!typeOk(value, types, query)) return [`${field} is ${jsonType(value)}, the document says ${types.join(" or ")}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${field} is not one of ${schema.enum.join(", ")}`];
  if (typeof value === "string") {
    const numeric = query && (types.includes("integer") || types.includes("number"));
    return numeric ? numberProblems(field, schema, Number(value)) : stringProblems(field, name, schema, value);
  }
  if (typeof value === "number") return numberProblems(field, schema, value);
  if (Array.isArray(value)) {
    const out: string[] = [];
    const { minItems, maxItems } = schema;
    if (minItems !== undefined && value.length < minItems) out.push(`${field} has fewer than ${minItems} items`);
    if (maxItems !== undefined && value.length > maxItems) out.push(`${field} has more than ${maxItems} items`);
    value.forEach((v, i) => out.push(...violations(schema.items ?? {}, v, `${field}[${i}]`, name, query)));
    return out;
  }
  if (value && typeof value === "object") {
    return objectProblems(schema, value as Record<string, unknown>, field, query);
  }
  return [];
}

function objectProblems(schema: JsonSchema, value: Record<string, unknown>, field: string, query: boolean): string[] {
  const props = schema.properties ?? {};
  const out: string[] = [];
  const at = (k: string) => (field === "body" || field === "query" ? k : `${field}.${k}`);
  for (const k of schema.required ?? []) if (!Object.hasOwn(value, k)) out.push(`${at(k)} is required but missing`);
  for (const [k, v] of Object.entries(value)) {
    // Own properties only: "__proto__" or "constructor" must not find Object.prototype's.
    const s = Object.hasOwn(props, k) ? props[k] : undefined;
    if (s) out.push(...violations(s, v, at(k), k, query));
    // House rule for bodies: an unknown key is refused, never silently dropped (a typo must not pass as
    // "done"). Query strings may carry others (cache busters); they are not held to it.
    else if (!query) out.push(`unknown key ${JSON.stringify(k)} at ${field}`);
  }
  return out;
}

/** Reasons a raw body must be refused before its schema is even consulted. */
export function rawBodyProblems(bytes: Uint8Array): { parsed?: unknown; problems: string[] } {
  if (bytes.byteLength > 64 * 1024) return { problems: ["body is over 64 KiB"] };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { problems: ["body is not valid UTF-8"] };
  }
  if (text.trim() === "") return { parsed: {}, problems: [] }; // readJson reads an empty body as {}, by design
  try {
    return { parsed: JSON.parse(text), problems: [] };
  } catch {
    return { problems: ["body is not JSON"] };
  }
}

/**
 * Request bodies for the API fuzz test: a plausible object from the
 * operation's schema, then at most one named mutation (a boundary value, a
 * hostile value in one field, an unknown or duplicate key, a broken body), so
 * a finding names the one thing that provoked it. Bodies are built as text
 * because JSON.stringify cannot write duplicate keys, -0 or invalid UTF-8.
 */
import fc from "fast-check";
import type { JsonSchema } from "./openapi-walk";
import { validObject, validValue, type FleetContext } from "./fuzz-fields";
import { HOSTILE_JSON, HOSTILE_STRINGS, lengthBoundaries, numberBoundaries, pick, type Named } from "./fuzz-strings";

export type GeneratedBody = { mutation: string; bytes: Uint8Array; problems: string[] };

const RAW = "@@fuzz-raw@@";
const encode = (text: string) => new TextEncoder().encode(text);
const body = (mutation: string, text: string | Uint8Array, problems: string[] = []): GeneratedBody => ({
  mutation,
  bytes: typeof text === "string" ? encode(text) : text,
  problems,
});

export type FieldPath = { path: string[]; schema: JsonSchema };

/** Top-level properties and those of nested objects (guest.ip): where a single bad value can go. */
export function fieldPaths(schema: JsonSchema, prefix: string[] = []): FieldPath[] {
  return Object.entries(schema.properties ?? {}).flatMap(([k, s]) => [
    { path: [...prefix, k], schema: s },
    ...(s.properties && prefix.length === 0 ? fieldPaths(s, [k]) : []),
  ]);
}

function setAt(obj: Record<string, unknown>, [head, ...rest]: string[], value: unknown): Record<string, unknown> {
  if (rest.length === 0) return { ...obj, [head!]: value };
  const inner = obj[head!];
  const innerObj = inner && typeof inner === "object" ? (inner as Record<string, unknown>) : {};
  return { ...obj, [head!]: setAt(innerObj, rest, value) };
}

/** The object with one field's value replaced by raw JSON text. */
const withRaw = (obj: Record<string, unknown>, path: string[], rawText: string) =>
  JSON.stringify(setAt(obj, path, RAW)).replace(JSON.stringify(RAW), rawText);

/** Prepends `"key": value` to an object's text, keeping whatever keys it has. */
export const prependKey = (text: string, key: string, rawValue: string) =>
  `{${JSON.stringify(key)}:${rawValue}${text === "{}" ? "" : ","}${text.slice(1)}`;

function boundaries(s: JsonSchema): Named<string>[] {
  const types = [s.type ?? []].flat();
  const out: Named<string>[] = [];
  if (types.includes("string")) {
    out.push(...lengthBoundaries(s.minLength, s.maxLength).map((b) => ({ ...b, value: JSON.stringify(b.value) })));
  }
  if (types.includes("integer") || types.includes("number")) out.push(...numberBoundaries(s.minimum, s.maximum));
  if (types.includes("array")) {
    const items = Array(Math.min((s.maxItems ?? 10) + 1, 20_000)).fill("BR-1");
    out.push({ name: "maxItems+1", value: JSON.stringify(items) });
  }
  return out.length ? out : [{ name: "empty string", value: '""' }];
}

/** The object with one field's text holding a byte sequence the UTF-8 decoder must reject (0xC3 0x28). */
function invalidUtf8At(obj: Record<string, unknown>, path: string[]): Uint8Array {
  const [head, tail] = withRaw(obj, path, JSON.stringify(`${RAW}x`)).split(RAW) as [string, string];
  return Uint8Array.from([...encode(head), 0xc3, 0x28, ...encode(tail)]);
}

/** Text the databases store differently or not at all (PostgreSQL refuses NUL and surrogates). */
const ENCODING_HOSTILE = HOSTILE_STRINGS.filter((h) => /^(NUL|lone (high|low) surrogate)$/.test(h.name));

/** Every string field of `base`, once with each encoding-hostile text and once with invalid UTF-8. */
export function textSweep(schema: JsonSchema, base: Record<string, unknown>): GeneratedBody[] {
  const strings = fieldPaths(schema).filter((f) => [f.schema.type].flat().includes("string"));
  return strings.flatMap((f) => [
    ...ENCODING_HOSTILE.map((h) =>
      body(`hostile ${f.path.join(".")}: ${h.name}`, withRaw(base, f.path, JSON.stringify(h.value))),
    ),
    body(`invalid UTF-8 in ${f.path.join(".")}`, invalidUtf8At(base, f.path)),
  ]);
}

const WHOLE_BODY: Array<{ name: string; make: (text: string) => string | Uint8Array }> = [
  ...HOSTILE_JSON.map((h) => ({ name: `top-level ${h.name}`, make: () => h.value })),
  { name: "top-level string", make: () => '"BR-0042"' },
  { name: "BOM prefix", make: (t) => `\ufeff${t}` },
  { name: "trailing garbage", make: (t) => `${t}x` },
  { name: "truncated", make: (t) => t.slice(0, -1) },
  { name: "over 64 KiB (whitespace)", make: (t) => t + " ".repeat(70 * 1024) },
  { name: "exactly 64 KiB", make: (t) => t + " ".repeat(Math.max(0, 64 * 1024 - encode(t).byteLength)) },
  { name: "empty", make: () => "" },
  { name: "whitespace only", make: () => " \n\t " },
];

const UNKNOWN_KEYS = ["__proto__", "constructor", "prototype", "isAdmin", "id", "branchId", "createdAt", "role"];

type Variant = { weight: number; arbitrary: fc.Arbitrary<GeneratedBody> };

/** One hostile change to one field: a boundary, a hostile string or JSON value, bytes that are not UTF-8. */
function fieldVariants(base: fc.Arbitrary<Record<string, unknown>>, field: fc.Arbitrary<FieldPath>): Variant[] {
  const at = (f: FieldPath) => f.path.join(".");
  return [
    {
      weight: 2,
      arbitrary: fc
        .tuple(base, field)
        .chain(([o, f]) =>
          fc
            .constantFrom(...boundaries(f.schema))
            .map((b) => body(`boundary ${at(f)}: ${b.name}`, withRaw(o, f.path, b.value))),
        ),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(base, field, pick(HOSTILE_STRINGS))
        .map(([o, f, h]) => body(`hostile ${at(f)}: ${h.name}`, withRaw(o, f.path, JSON.stringify(h.value)))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(base, field, pick(HOSTILE_JSON))
        .map(([o, f, h]) => body(`hostile ${at(f)}: JSON ${h.name}`, withRaw(o, f.path, h.value))),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(base, field).map(([o, f]) => body(`invalid UTF-8 in ${at(f)}`, invalidUtf8At(o, f.path))),
    },
  ];
}

/** Keys that are not in the schema, and keys written twice (JSON.parse keeps the last; a reader sees the first). */
function keyVariants(schema: JsonSchema, base: fc.Arbitrary<Record<string, unknown>>, ctx: FleetContext): Variant[] {
  const props = Object.keys(schema.properties ?? {});
  const unknown = fc.constantFrom(...UNKNOWN_KEYS, ...props.map((p) => p.toUpperCase()));
  const variants: Variant[] = [
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, unknown, pick(HOSTILE_JSON))
        .map(([o, k, v]) =>
          body(`unknown key ${JSON.stringify(k)} = ${v.name}`, prependKey(JSON.stringify(o), k, v.value)),
        ),
    },
  ];
  if (props.length) {
    variants.push({
      weight: 1,
      arbitrary: fc.tuple(base, fc.constantFrom(...props)).chain(([o, k]) => {
        const value = validValue(k, schema.properties![k]!, ctx);
        const name = `duplicate key ${JSON.stringify(k)}`;
        return fc
          .tuple(value, value)
          .map(([first, last]) =>
            body(name, prependKey(JSON.stringify({ ...o, [k]: last }), k, JSON.stringify(first)), [name]),
          );
      }),
    });
  }
  return variants;
}

export function bodyArbitrary(schema: JsonSchema, ctx: FleetContext): fc.Arbitrary<GeneratedBody> {
  const base = validObject(schema, ctx);
  const fields = fieldPaths(schema);
  const required = schema.required ?? [];
  const variants: Variant[] = [
    { weight: 4, arbitrary: base.map((o) => body("valid body", JSON.stringify(o))) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...WHOLE_BODY))
        .map(([o, w]) => body(w.name, w.make(JSON.stringify(o)))),
    },
    ...keyVariants(schema, base, ctx),
    ...(fields.length ? fieldVariants(base, fc.constantFrom(...fields)) : []),
  ];
  if (required.length) {
    variants.push({
      weight: 1,
      arbitrary: fc.tuple(base, fc.constantFrom(...required)).map(([o, k]) => {
        const { [k]: _dropped, ...rest } = o;
        return body(`missing ${k}`, JSON.stringify(rest));
      }),
    });
  }
  return fc.oneof(...variants);
}

/**
 * A deterministic sweep beside the random runs: every string field of every
 * body, every query parameter and every path parameter, once with each text
 * the databases treat differently (NUL, lone surrogates, bytes that are not
 * UTF-8); and a few bodies (the required fields alone, three plausible ones)
 * each with an unknown and a repeated key: a body must get past the inventory
 * rules for the server to show whether it ignored the key.
 * The random runs meet a given (field, text) pair only now and then, the
 * smaller PostgreSQL pass rarely; and these are exactly its failures
 * (PostgreSQL text refuses NUL and surrogates, SQLite stores them).
 */
import fc from "fast-check";
import { prependKey, textSweep } from "./fuzz-body";
import type { FuzzRequest } from "./fuzz-call";
import { validObject, type FleetContext } from "./fuzz-fields";
import { realValues, refusals, type FuzzRole, type GeneratedRequest } from "./fuzz-request";
import type { FuzzOperation } from "./openapi-walk";

// Raw URL text: NUL, an encoded lone surrogate (not UTF-8 once decoded), a byte that is not UTF-8.
const URL_TEXTS = ["%00", "%ed%a0%80", "%ff"];

type Part = { segments?: Record<string, string>; query?: string; body?: Uint8Array; problems?: string[] };

// A plain unknown key, and two that name Object.prototype members (they trip code that indexes
// a plain object with a client's key, and parsers that treat "__proto__" specially).
const UNKNOWN_KEYS = ["isAdmin", "__proto__", "constructor"];

const encode = (text: string) => new TextEncoder().encode(text);

/** Each unknown key, and one repeated key, on a body that is otherwise plausible. */
function keySweep(base: Record<string, unknown>): Array<[string, Part]> {
  const text = JSON.stringify(base);
  const out = UNKNOWN_KEYS.map((k): [string, Part] => {
    return [`unknown key "${k}"`, { body: encode(prependKey(text, k, "1")) }];
  });
  const [key, value] = Object.entries(base)[0] ?? [];
  if (key) {
    const name = `duplicate key "${key}"`;
    out.push([name, { body: encode(prependKey(text, key, JSON.stringify(value))), problems: [name] }]);
  }
  return out;
}

export function sweepRequests(op: FuzzOperation, ctx: FleetContext, seed: number): GeneratedRequest[] {
  const role = op.role as FuzzRole;
  const segments = Object.fromEntries(op.pathParams.map((p) => [p, encodeURIComponent(realValues(op, p, ctx)[0]!)]));
  const bases = op.body ? fc.sample(validObject(op.body, ctx), { seed, numRuns: 3 }) : [];
  const base = bases[0];
  const make = ([mutation, part]: [string, Part]): GeneratedRequest => {
    const request: FuzzRequest = {
      segments: { ...segments, ...part.segments },
      query: part.query ?? "",
      body: part.body ?? (base && encode(JSON.stringify(base))),
      headers: op.body ? { "content-type": "application/json" } : {},
    };
    const mustRefuse = refusals(op, ctx, role, request, part.problems ?? []);
    return { role, request, mutation: `sweep: ${mutation}`, mustRefuse };
  };
  const parts: Array<[string, Part]> = [];
  if (op.body && base) {
    for (const b of textSweep(op.body, base)) parts.push([b.mutation, { body: b.bytes, problems: b.problems }]);
    const minimal = Object.fromEntries((op.body.required ?? []).map((k) => [k, base[k]]));
    parts.push(...[minimal, ...bases].flatMap(keySweep));
  }
  for (const t of URL_TEXTS) {
    for (const k of Object.keys(op.query.properties ?? {})) parts.push([`query ${k}=${t}`, { query: `${k}=${t}` }]);
    for (const p of op.pathParams) parts.push([`path {${p}}: ${t}`, { segments: { [p]: t } }]);
  }
  return parts.map(make);
}

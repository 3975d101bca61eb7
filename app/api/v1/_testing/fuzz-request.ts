/**
 * One fuzzed request for an operation: a role (mostly one strong enough, so
 * the request gets past the guard), path parameters naming real or missing
 * rows, a plausible query and body, and at most one named mutation in one
 * place (body, query, path, headers). Alongside it, every reason the contract
 * says it must be refused, which the test checks against a 2xx answer.
 */
import fc from "fast-check";
import { bodyArbitrary } from "./fuzz-body";
import type { FuzzRequest } from "./fuzz-call";
import { rawBodyProblems, violations } from "./fuzz-contract";
import { validObject, type FleetContext } from "./fuzz-fields";
import {
  HOSTILE_JSON,
  HOSTILE_QUERIES,
  HOSTILE_SEGMENTS,
  HOSTILE_STRINGS,
  lengthBoundaries,
  numberBoundaries,
  pick,
} from "./fuzz-strings";
import type { FuzzOperation } from "./openapi-walk";
import { ORIGIN } from "./route-kit";

export const FUZZ_ROLES = ["anonymous", "viewer", "operator", "admin"] as const;
export type FuzzRole = (typeof FUZZ_ROLES)[number];

export type GeneratedRequest = { role: FuzzRole; request: FuzzRequest; mutation: string; mustRefuse: string[] };

type Part = {
  mutation: string;
  segments?: Record<string, string>;
  query?: string;
  body?: Uint8Array;
  headers?: Record<string, string>;
  problems?: string[];
};
type Option = { weight: number; arbitrary: fc.Arbitrary<Part> };

// Values no fuzzed write can create: the fuzz codes are BR-7nnnnnnn and ids stay far below 2^31.
const MISSING: Record<string, string> = { code: "BR-80000000", id: "2147483647" };

/** Rows a path parameter can name: {code} is a branch, {id} belongs to the collection before it. */
export function realValues(op: FuzzOperation, param: string, ctx: FleetContext): string[] {
  if (param === "code") return ctx.codes;
  const collection = new RegExp(`/([\\w-]+)/\\{${param}\\}`).exec(op.path)?.[1];
  const rows: Record<string, string[]> = {
    hosts: ctx.hostIds,
    users: ctx.userIds,
    rollouts: ctx.rolloutIds,
    "terminal-sessions": ctx.terminalSessionIds,
    "enrolment-tokens": ctx.enrolmentTokenIds,
    "nat-audits": ctx.natAuditIds,
    tokens: ctx.apiTokenIds,
  };
  return rows[collection ?? ""] ?? ["1"];
}

const encode = (text: string) => new TextEncoder().encode(text);
const queryText = (o: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)])).toString();
const decode = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

function queryField(op: FuzzOperation, ctx: FleetContext): fc.Arbitrary<Part> {
  const props = Object.entries(op.query.properties ?? {});
  return fc.tuple(validObject(op.query, ctx), fc.constantFrom(...props)).chain(([o, [k, s]]) => {
    const edges = [...lengthBoundaries(s.minLength, s.maxLength), ...numberBoundaries(s.minimum, s.maximum)];
    return fc
      .oneof(pick(HOSTILE_STRINGS), pick(edges))
      .map((v) => ({ mutation: `query ${k}: ${v.name}`, query: queryText({ ...o, [k]: v.value }) }));
  });
}

const HEADERS: Part[] = [
  { mutation: "cross-site Origin", headers: { origin: "https://evil.example" } },
  { mutation: "Origin null", headers: { origin: "null" } },
  { mutation: "content-type text/plain", headers: { "content-type": "text/plain" } },
  { mutation: "same-origin Origin", headers: { origin: ORIGIN } },
];

function mutations(op: FuzzOperation, ctx: FleetContext): fc.Arbitrary<Part> {
  const options: Option[] = [{ weight: 2, arbitrary: fc.constant({ mutation: "valid" }) }];
  if (op.body) {
    const body = bodyArbitrary(op.body, ctx).map((b) => ({ ...b, body: b.bytes }));
    options.push({ weight: 6, arbitrary: body });
  } else if (op.method !== "GET") {
    const stray = pick(HOSTILE_JSON).map((h) => ({ mutation: `unexpected body ${h.name}`, body: encode(h.value) }));
    options.push({ weight: 1, arbitrary: stray });
  }
  if (Object.keys(op.query.properties ?? {}).length) options.push({ weight: 2, arbitrary: queryField(op, ctx) });
  const rawQuery = pick(HOSTILE_QUERIES).map((q) => ({ mutation: `raw query ${q.name}`, query: q.value }));
  options.push({ weight: 1, arbitrary: rawQuery });
  if (op.pathParams.length) {
    const segment = fc
      .tuple(fc.constantFrom(...op.pathParams), pick(HOSTILE_SEGMENTS))
      .map(([p, s]) => ({ mutation: `path {${p}}: ${s.name}`, segments: { [p]: s.value } }));
    options.push({ weight: 2, arbitrary: segment });
  }
  options.push({ weight: 1, arbitrary: fc.constantFrom(...HEADERS) });
  return fc.oneof(...options);
}

function roleArbitrary(required: string): fc.Arbitrary<FuzzRole> {
  const strong = FUZZ_ROLES.filter((r) => FUZZ_ROLES.indexOf(r) >= FUZZ_ROLES.indexOf(required as FuzzRole));
  const any = fc.constantFrom(...FUZZ_ROLES);
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...strong) }, { weight: 1, arbitrary: any });
}

export function requestArbitrary(op: FuzzOperation, ctx: FleetContext): fc.Arbitrary<GeneratedRequest> {
  const segment = (p: string) =>
    fc
      .oneof(
        { weight: 4, arbitrary: fc.constantFrom(...realValues(op, p, ctx)) },
        { weight: 1, arbitrary: fc.constant(MISSING[p] ?? MISSING.id!) },
      )
      .map(encodeURIComponent);
  const segments = fc.record(Object.fromEntries(op.pathParams.map((p) => [p, segment(p)])));
  const body = op.body ? validObject(op.body, ctx).map((o) => encode(JSON.stringify(o))) : fc.constant(undefined);
  const query = validObject(op.query, ctx).map(queryText);
  return fc
    .record({ role: roleArbitrary(op.role), segments, query, body, part: mutations(op, ctx) })
    .map(({ role, segments: base, query: validQuery, body: validBody, part }) => {
      const request: FuzzRequest = {
        segments: { ...base, ...part.segments },
        query: part.query ?? validQuery,
        body: part.body ?? validBody,
        headers: { ...(op.body || part.body ? { "content-type": "application/json" } : {}), ...part.headers },
      };
      const mustRefuse = refusals(op, ctx, role, request, part.problems ?? []);
      return { role, request, mutation: part.mutation, mustRefuse };
    });
}

/** Every reason this request must not succeed, by the document and the house rules. */
export function refusals(
  op: FuzzOperation,
  ctx: FleetContext,
  role: FuzzRole,
  req: FuzzRequest,
  bodyProblems: string[],
): string[] {
  const out: string[] = [];
  if (FUZZ_ROLES.indexOf(role) < FUZZ_ROLES.indexOf(op.role as FuzzRole)) out.push(`${role} is below ${op.role}`);
  const origin = req.headers.origin;
  if (op.method !== "GET" && origin && origin !== ORIGIN) out.push(`cross-site Origin ${origin} on a mutation`);
  for (const p of op.pathParams) {
    const value = decode(req.segments[p]!);
    // Branch codes are documented as case-insensitive; ids must be exactly a row's.
    const known = realValues(op, p, ctx).includes(p === "code" ? value.toUpperCase() : value);
    if (!known) out.push(`{${p}} ${JSON.stringify(value.slice(0, 40))} names no row`);
  }
  out.push(...violations(op.query, Object.fromEntries(new URLSearchParams(req.query)), "query", "", true));
  if (op.body && req.body) {
    const raw = rawBodyProblems(req.body);
    out.push(...bodyProblems, ...raw.problems, ...("parsed" in raw ? violations(op.body, raw.parsed) : []));
  }
  return out;
}

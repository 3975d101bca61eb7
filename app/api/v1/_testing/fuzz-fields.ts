/**
 * Valid-looking values for the API fuzz test: a small table for the fields
 * whose shape a JSON schema cannot say (IPv4, CIDR, MAC, interface names,
 * branch codes, fingerprints), drawn from the seeded fleet so requests hit
 * real rows and real LANs some of the time; every other field is generated
 * from its schema (enum, pattern, the "e.g." example in its description, type
 * and bounds), so a field added to the API is fuzzed without touching this.
 */
import fc from "fast-check";
import type { JsonSchema } from "./openapi-walk";

/** What the seeded database holds, so generated values name real rows some of the time. */
export type FleetContext = {
  codes: string[];
  lans: string[];
  hostIds: string[];
  userIds: string[];
  rolloutIds: string[];
  terminalSessionIds: string[];
  enrolmentTokenIds: string[];
  natAuditIds: string[];
  apiTokenIds: string[];
  usernames: string[];
  password: string;
  fingerprint: string;
};

type FieldGen = (ctx: FleetContext) => fc.Arbitrary<unknown>;

const byte = (min = 0, max = 255) => fc.integer({ min, max });
const hex2 = byte().map((b) => b.toString(16).padStart(2, "0"));
const lanIp = (ctx: FleetContext) =>
  fc.tuple(fc.constantFrom(...ctx.lans), byte(1, 254)).map(([lan, n]) => lan.replace(/0\/\d+$/, String(n)));
const linkLocal = fc.tuple(byte(1, 254), byte(1, 254)).map(([a, b]) => `169.254.${a}.${b}`);
const mac = (prefix: fc.Arbitrary<string>) => fc.tuple(prefix, hex2, hex2, hex2).map((p) => p.join(":"));
const word = (prefix: string) => fc.nat(9999).map((n) => `${prefix}${String(n).padStart(4, "0")}`);
const label = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .'-]{0,30}[A-Za-z0-9]$/);
// Fresh codes are BR-7nnnnnnn: the seed factories use BR-9nnnn, and BR-80000000 stands for "missing".
const freshCode = fc.integer({ min: 0, max: 9_999_999 }).map((n) => `BR-7${String(n).padStart(7, "0")}`);
const existingCode = (ctx: FleetContext) =>
  fc.oneof(
    fc.constantFrom(...ctx.codes),
    fc.constantFrom(...ctx.codes).map((c) => c.toLowerCase()),
  );
const weighted = <T>(often: fc.Arbitrary<T>, sometimes: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: often }, { weight: 1, arbitrary: sometimes });
const fingerprint = (ctx: FleetContext) =>
  fc.oneof(
    fc.constant(ctx.fingerprint),
    fc.base64String({ minLength: 44, maxLength: 44 }).map((b) => `SHA256:${b.slice(0, 42)}A`),
  );

const FIELDS: Record<string, FieldGen> = {
  code: (ctx) => weighted(freshCode, existingCode(ctx)),
  branchCodes: (ctx) => fc.array(weighted(existingCode(ctx), freshCode), { minLength: 1, maxLength: 3 }),
  name: () => label,
  region: () => fc.constantFrom("North", "South", "East", "\u00cele-de-France"),
  lanCidr: (ctx) =>
    fc.oneof(
      fc.constantFrom(...ctx.lans),
      byte().map((n) => `198.19.${n}.0/24`),
    ),
  // Usually the defaults, so that the rest of the body decides whether the branch is valid.
  linkLocalPool: () => weighted(fc.constant("169.254.0.0/16"), fc.constant("169.254.7.0/24")),
  gatewayLinkLocalIp: () => weighted(fc.constant("169.254.1.1"), fc.constant("169.254.7.1")),
  hostname: () => fc.oneof(word("gw-"), word("br-0042-h"), fc.domain()),
  sshAddress: () => fc.oneof(fc.constantFrom("203.0.113.10", "gw-0042.branches.example"), fc.ipV4()),
  sshPort: () => fc.oneof(fc.constantFrom(22, 2222, "22"), fc.integer({ min: 1, max: 65535 })),
  sshUser: () => fc.constantFrom("root", "branchdesk", "_svc-1"),
  lanIfname: () => fc.constantFrom("eth1", "ens18", "br0", "bond0.42", "abcdefghijklmno"),
  bridge: () => fc.constantFrom("virbr0", "br-lan", "virbr1"),
  lanIp,
  ip: lanIp,
  linkLocalIp: () => linkLocal,
  nicMac: () => mac(fc.constantFrom("02:00:00", "00:16:3e", "00:16:3E")),
  mac: () => mac(fc.constantFrom("06:00:00", "52:54:00")),
  serial: () => word("SN-"),
  domain: () => word("win-42-"),
  // Mostly fresh (a new user must get past "is taken"), sometimes a real one (so sign-ins succeed).
  username: (ctx) => weighted(fc.stringMatching(/^[a-z][a-z0-9._-]{0,31}$/), fc.constantFrom(...ctx.usernames)),
  password: (ctx) => fc.oneof(fc.constant(ctx.password), fc.string({ minLength: 10, maxLength: 40 })),
  fingerprint,
  expect: fingerprint,
  // Query parameters that name rows.
  branch: existingCode,
  entityId: (ctx) => fc.constantFrom(...ctx.codes, ...ctx.hostIds, ...ctx.userIds),
  cursor: (ctx) => fc.oneof(fc.constantFrom(...ctx.hostIds), fc.integer({ min: 1, max: 10_000 }).map(String)),
};

/**
 * Values that reach SSH, virsh or netfilter: the house rule is that they are
 * parsed into value objects, so a shell metacharacter or whitespace in one
 * must be refused, never stored.
 */
export const WORD_FIELDS = new Set([
  "code",
  "branchCodes",
  "lanCidr",
  "linkLocalPool",
  "gatewayLinkLocalIp",
  "hostname",
  "sshAddress",
  "sshUser",
  "lanIfname",
  "bridge",
  "lanIp",
  "ip",
  "linkLocalIp",
  "nicMac",
  "mac",
  "serial",
  "domain",
  "fingerprint",
  "expect",
]);

const example = (s: JsonSchema) => /e\.g\. (\S+)/.exec(s.description ?? "")?.[1]?.replace(/[),.]$/, "");

/** A plausible value for a field: the table above, else whatever its schema allows. */
export function validValue(field: string, schema: JsonSchema, ctx: FleetContext): fc.Arbitrary<unknown> {
  const fromTable = Object.hasOwn(FIELDS, field) ? FIELDS[field] : undefined;
  if (fromTable) return fromTable(ctx);
  return fromSchema(schema, ctx);
}

export function fromSchema(schema: JsonSchema, ctx: FleetContext): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const types = [schema.type ?? []].flat();
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const eg = example(schema);
  if (types.includes("string") && eg) return fc.constant(eg);
  if (types.includes("boolean")) return fc.boolean();
  if (types.includes("integer") || types.includes("number")) {
    const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
    return fc.integer({ min, max: Math.min(schema.maximum ?? 1000, 1_000_000) });
  }
  if (types.includes("array")) {
    const bounds = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) };
    return fc.array(fromSchema(schema.items ?? {}, ctx), bounds);
  }
  if (types.includes("object")) return validObject(schema, ctx);
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 20, 20) });
}

/** Every required property and a random subset of the optional ones, each with a plausible value. */
export function validObject(schema: JsonSchema, ctx: FleetContext): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const record = Object.fromEntries(props.map(([k, s]) => [k, validValue(k, s, ctx)]));
  return fc.record(record, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<Record<string, unknown>>;
}

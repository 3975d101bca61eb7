/**
 * The packet space of one table: its dimensions, the atoms of each
 * (values the rules mention, plus stand-ins for every other value), and each
 * rule's match as a Box. Options Branchdesk does not interpret are left out
 * of the Box, so it over-approximates what the rule matches; `exact` says
 * whether it is the rule's match exactly.
 */
import { ipv4ToInt, type Ipv4 } from "../values/ipv4";
import type { AddrMatch, Family, IfMatch, NatMatch, NatRule, PortMatch, ProtoMatch } from "./nat-audit-types";
import { atoms, intervals, range, type Box, type DimSet, type Space } from "./packet-space";

const MAX_IP = 0xffffffff;
const MAX_PORT = 65535;
/** Stand-in for "any value no rule mentions" in an atom dimension. */
export const OTHER_ATOM = "\u0001other";

type DimKind = "ip" | "port" | "if" | "atom";
type Dim = { field: keyof NatMatch; kind: DimKind };

export const DIMS: Record<Family, readonly Dim[]> = {
  ip: [
    { field: "src", kind: "ip" },
    { field: "dst", kind: "ip" },
    { field: "inIf", kind: "if" },
    { field: "outIf", kind: "if" },
    { field: "proto", kind: "atom" },
    { field: "sport", kind: "port" },
    { field: "dport", kind: "port" },
  ],
  bridge: [
    { field: "srcMac", kind: "atom" },
    { field: "dstMac", kind: "atom" },
    { field: "inIf", kind: "if" },
    { field: "outIf", kind: "if" },
    { field: "proto", kind: "atom" },
    { field: "arpOp", kind: "atom" },
    { field: "arpIpSrc", kind: "ip" },
    { field: "arpIpDst", kind: "ip" },
  ],
};

/** The atoms of one atom/interface dimension. */
export type Universe = { index: Map<string, number>; prefixes: string[] };

export type RuleSpace = Space & {
  family: Family;
  dims: readonly Dim[];
  universes: (Universe | null)[];
  boxes: Box[];
  exact: boolean[];
  /** Per rule and dimension, the one value the rule allows there (an address, port or atom), or null. */
  single: (number | null)[][];
};

function singleValue(d: DimSet | null): number | null {
  if (!d) return null;
  if (d.kind === "iv") return d.v.length === 2 && d.v[0] === d.v[1] ? d.v[0]! : null;
  if (d.neg || d.items.size !== 1) return null;
  for (const x of d.items) return x;
  return null;
}

function valueOf(field: unknown): string | null {
  if (!field || typeof field !== "object") return null;
  if ("name" in field) return (field as IfMatch | ProtoMatch).name;
  if ("cidr" in field) return (field as AddrMatch).cidr;
  return null;
}

function buildUniverse(kind: DimKind, values: Iterable<string>): Universe {
  const index = new Map<string, number>();
  const prefixes: string[] = [];
  const add = (v: string) => {
    if (!index.has(v)) index.set(v, index.size);
  };
  for (const v of values) {
    if (kind === "if" && v.endsWith("+")) {
      const p = v.slice(0, -1);
      if (p !== "" && !prefixes.includes(p)) prefixes.push(p);
      add(`${p}\u0000`); // stands for every unmentioned name with this prefix
    } else add(v);
  }
  add(OTHER_ATOM);
  prefixes.sort((a, b) => b.length - a.length);
  return { index, prefixes };
}

/** The atom a concrete value falls in (an unmentioned interface: its longest wildcard prefix, else OTHER). */
export function atomOf(u: Universe, value: string): number {
  const hit = u.index.get(value);
  if (hit !== undefined) return hit;
  const p = u.prefixes.find((x) => value.startsWith(x));
  return u.index.get(p === undefined ? OTHER_ATOM : `${p}\u0000`)!;
}

function ipRange(m: AddrMatch): DimSet {
  const [ip = "", prefixText] = m.cidr.split("/");
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(ipv4ToInt(ip as Ipv4) / size) * size;
  return range(network, network + size - 1, m.negated, MAX_IP);
}

function atomSet(u: Universe, kind: DimKind, m: { negated: boolean }, value: string): DimSet {
  const size = u.index.size;
  if (kind === "if" && value.endsWith("+")) {
    const p = value.slice(0, -1);
    const items = [...u.index].filter(([v]) => v !== OTHER_ATOM && v.startsWith(p)).map(([, i]) => i);
    // "+" alone matches every interface.
    return p === "" ? atoms([], !m.negated, size) : atoms(items, m.negated, size);
  }
  return atoms([u.index.get(value)!], m.negated, size);
}

function dimOf(dim: Dim, u: Universe | null, match: NatMatch): DimSet | null {
  const f = match[dim.field];
  if (!f || typeof f !== "object") return null;
  if (dim.kind === "ip") return ipRange(f as AddrMatch);
  if (dim.kind === "port") {
    const p = f as PortMatch;
    return range(p.from, p.to, p.negated, MAX_PORT);
  }
  return atomSet(u!, dim.kind, f as { negated: boolean }, valueOf(f)!);
}

/** A match field as a string that identifies the set it allows; null when the field is absent. */
function matchKey(f: NatMatch[keyof NatMatch]): string | null {
  if (!f || typeof f !== "object") return null;
  const value = "from" in f ? `${f.from}:${f.to}` : valueOf(f);
  return `${f.negated ? "!" : ""}${value}`;
}

/** `extra`: values beyond the rules' (a traced packet's interfaces) that need atoms of their own. */
export function buildRuleSpace(
  family: Family,
  rules: readonly NatRule[],
  extra: Partial<Record<keyof NatMatch, string[]>> = {},
): RuleSpace {
  const dims = DIMS[family];
  const universes = dims.map((d) => {
    if (d.kind === "ip" || d.kind === "port") return null;
    const values = rules.map((r) => valueOf(r.match[d.field])).filter((v): v is string => v !== null);
    return buildUniverse(d.kind, [...values, ...(extra[d.field] ?? [])]);
  });
  const full = dims.map((d, i) =>
    d.kind === "ip"
      ? intervals([0, MAX_IP])
      : d.kind === "port"
        ? intervals([0, MAX_PORT])
        : atoms([], true, universes[i]!.index.size),
  );
  // One DimSet per distinct match value and dimension: equal sets are then `===`, the fast path of
  // every set operation (and thousands of "-o eth1 -p tcp --dport 22" rules share three objects).
  const interned = dims.map(() => new Map<string, DimSet | null>());
  const boxes = rules.map((r) =>
    dims.map((d, i) => {
      const key = matchKey(r.match[d.field]);
      if (key === null) return null;
      let set = interned[i]!.get(key);
      if (set === undefined) interned[i]!.set(key, (set = dimOf(d, universes[i] ?? null, r.match)));
      return set;
    }),
  );
  const exact = rules.map((r) => r.unknownOptions.length === 0);
  // Interfaces, protocols and ports first; addresses, which vary per guest, last (see Space).
  const rank = (d: Dim) => (d.field === "dst" || d.field === "arpIpDst" ? 2 : d.kind === "ip" ? 1 : 0);
  const order = dims.map((d, i) => ({ i, late: rank(d) }));
  order.sort((a, b) => a.late - b.late || a.i - b.i);
  const single = boxes.map((b) => b.map(singleValue));
  return { family, dims, universes, boxes, exact, full, single, order: order.map((o) => o.i) };
}

/**
 * Property: on random small nat tables, a rule is reported shadowed iff a
 * brute-force simulation, pushing every packet of a universe that hits every
 * distinct case of the table's values through the chains one by one, never
 * sees a packet reach the rule and match it. With options Branchdesk does not
 * interpret (whose hidden meaning the simulator picks), the analysis may claim
 * less, never more.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { findShadowing } from "./find-shadowing";
import type { NatRule, NatTable } from "./nat-audit-types";
import { parseNatTable } from "./parse-nat-table";

/** More runs when hunting: NAT_PROPERTY_RUNS=5000 npx vitest run ... */
const RUNS = Number(process.env.NAT_PROPERTY_RUNS ?? 200);
const ADDRS = ["10.0.0.0/30", "10.0.0.0/31", "10.0.0.2/31", "10.0.0.1", "10.0.0.2", "10.0.0.3/32"];
const PORTS = ["22", "80", "20:25"];
const OUT_IFS = ["eth0", "eth1", "eth+", "wlan0"];
const TARGETS = ["SNAT --to-source 192.0.2.1", "MASQUERADE", "RETURN", "ACCEPT", "LOG", "U1", "U2", "GOTO-U2"];

type Spec = {
  src?: [boolean, string];
  dst?: [boolean, string];
  iface?: [boolean, string];
  proto?: [boolean, "tcp" | "udp"];
  dport?: [boolean, string];
  unknown: boolean;
  target: string;
};

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(fc.tuple(fc.boolean(), a), { nil: undefined });
const spec = (withUnknown: boolean): fc.Arbitrary<Spec> =>
  fc.record({
    src: opt(fc.constantFrom(...ADDRS)),
    dst: opt(fc.constantFrom(...ADDRS)),
    iface: opt(fc.constantFrom(...OUT_IFS)),
    proto: opt(fc.constantFrom("tcp" as const, "udp" as const)),
    dport: opt(fc.constantFrom(...PORTS)),
    unknown: withUnknown ? fc.boolean() : fc.constant(false),
    target: fc.constantFrom(...TARGETS),
  });

/** Chains: PREROUTING (uses -i), POSTROUTING, U1, U2 (use -o); U1 may jump to U2, U2 to nothing: no loops. */
function render(chains: Record<string, Spec[]>): string {
  const lines = ["*nat", ":PREROUTING ACCEPT [0:0]", ":POSTROUTING ACCEPT [0:0]", ":U1 - [0:0]", ":U2 - [0:0]"];
  for (const [chain, specs] of Object.entries(chains)) {
    for (const s of specs) {
      const w = ["-A", chain];
      const put = (flag: string, x: [boolean, string] | undefined) => x && w.push(...(x[0] ? ["!"] : []), flag, x[1]);
      put("-s", s.src);
      put("-d", s.dst);
      put(chain === "PREROUTING" ? "-i" : "-o", s.iface);
      if (s.dport) {
        w.push("-p", s.proto?.[1] ?? "tcp");
        put("--dport", s.dport);
      } else put("-p", s.proto);
      if (s.unknown) w.push("-m", "addrtype", "--dst-type", "LOCAL");
      let t = s.target;
      if (chain === "PREROUTING" && (t === "U1" || t === "U2" || t === "GOTO-U2")) t = "ACCEPT";
      if (chain === "U2" && (t === "U1" || t === "U2" || t === "GOTO-U2")) t = "RETURN";
      if (chain === "U1" && t === "U1") t = "U2";
      w.push(...(t === "GOTO-U2" ? ["-g", "U2"] : ["-j", ...t.split(" ")]));
      lines.push(w.join(" "));
    }
  }
  return [...lines, "COMMIT", ""].join("\n");
}

type Packet = { src: number; dst: number; inIf: string; outIf: string; proto: string; dport: number };
const ip = (a: string) => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
// One sample per elementary interval of the values above, plus "anything else".
const IPS = ["1.1.1.1", "10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.9"].map(ip);
const IFS = ["eth0", "eth1", "eth7", "wlan0", "lo"];
const PROTOS = ["tcp", "udp", "icmp"];
const DPORTS = [1, 20, 22, 23, 26, 80, 443];

const cidrs = new Map<string, [number, number]>();
function inCidr(v: number, cidr: string): boolean {
  let c = cidrs.get(cidr);
  if (!c) {
    const [a, p = "32"] = cidr.split("/");
    const size = 2 ** (32 - Number(p));
    c = [Math.floor(ip(a!) / size) * size, size];
    cidrs.set(cidr, c);
  }
  return v >= c[0] && v < c[0] + c[1];
}

type Hidden = (p: Packet) => boolean;

function matches(r: NatRule, p: Packet, hidden: Hidden): boolean {
  const m = r.match;
  const x = (neg: boolean | undefined, v: boolean) => (neg ? !v : v);
  if (m.src && !x(m.src.negated, inCidr(p.src, m.src.cidr))) return false;
  if (m.dst && !x(m.dst.negated, inCidr(p.dst, m.dst.cidr))) return false;
  const ifMatch = (name: string, v: string) => (name.endsWith("+") ? v.startsWith(name.slice(0, -1)) : v === name);
  if (m.inIf && !x(m.inIf.negated, ifMatch(m.inIf.name, p.inIf))) return false;
  if (m.outIf && !x(m.outIf.negated, ifMatch(m.outIf.name, p.outIf))) return false;
  if (m.proto && !x(m.proto.negated, m.proto.name === p.proto)) return false;
  if (m.dport && !x(m.dport.negated, p.dport >= m.dport.from && p.dport <= m.dport.to)) return false;
  return r.unknownOptions.length === 0 || hidden(p);
}

/** Rule indices that some packet reaches and matches, by walking the chains packet by packet. */
function simulate(table: NatTable, hidden: Hidden): Set<number> {
  const fired = new Set<number>();
  const byChain = new Map<string, number[]>();
  table.rules.forEach((r, i) => byChain.set(r.chain, [...(byChain.get(r.chain) ?? []), i]));
  const walk = (chain: string, p: Packet, depth: number): "done" | "return" => {
    if (depth > 8) throw new Error("loop in a generated table");
    for (const i of byChain.get(chain) ?? []) {
      const r = table.rules[i]!;
      if (!matches(r, p, hidden)) continue;
      fired.add(i);
      const t = r.target;
      if (["SNAT", "MASQUERADE", "ACCEPT"].includes(t.kind)) return "done";
      if (t.kind === "RETURN") return "return";
      if (t.kind === "JUMP" && walk(t.chain!, p, depth + 1) === "done") return "done";
      if (t.kind === "GOTO") return walk(t.chain!, p, depth + 1);
    }
    return "return";
  };
  for (const src of IPS)
    for (const dst of IPS)
      for (const iface of IFS)
        for (const proto of PROTOS)
          for (const dport of DPORTS) {
            walk("PREROUTING", { src, dst, inIf: iface, outIf: "none", proto, dport }, 0);
            walk("POSTROUTING", { src, dst, inIf: "none", outIf: iface, proto, dport }, 0);
          }
  return fired;
}

/** The rule's chain is reachable from a built-in chain through jumps (matches ignored). */
function eligible(table: NatTable, i: number): boolean {
  const called = new Set(["PREROUTING", "POSTROUTING"]);
  for (let grew = true; grew;) {
    grew = false;
    for (const x of table.rules) {
      if (called.has(x.chain) && x.target.chain && !called.has(x.target.chain)) grew = !!called.add(x.target.chain);
    }
  }
  return called.has(table.rules[i]!.chain);
}

const tables = (withUnknown: boolean) =>
  fc
    .record({
      PREROUTING: fc.array(spec(withUnknown), { maxLength: 5 }),
      POSTROUTING: fc.array(spec(withUnknown), { maxLength: 7 }),
      U1: fc.array(spec(withUnknown), { maxLength: 4 }),
      U2: fc.array(spec(withUnknown), { maxLength: 4 }),
    })
    .map((c) => unwrap(parseNatTable(render(c))));

describe("findShadowing agrees with a packet-by-packet simulation", () => {
  it("without uninterpreted options: shadowed iff no packet reaches and matches the rule", () => {
    fc.assert(
      fc.property(tables(false), (table) => {
        const fired = simulate(table, () => true);
        const shadow = findShadowing(table);
        const wrong = table.rules.filter((r, i) => {
          const dead = eligible(table, i) && !fired.has(i) && satisfiable(r);
          return (shadow[i] !== null) !== dead;
        });
        expect(wrong.map((r) => r.text)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it("with uninterpreted options: a rule reported shadowed is dead under every meaning tried", () => {
    const meanings: Hidden[] = [() => true, () => false, (p) => p.dst === ip("10.0.0.1"), (p) => p.proto === "udp"];
    fc.assert(
      fc.property(tables(true), (table) => {
        const shadow = findShadowing(table);
        for (const hidden of meanings) {
          const fired = simulate(table, hidden);
          expect(table.rules.filter((_, i) => shadow[i] !== null && fired.has(i)).map((r) => r.text)).toEqual([]);
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 180_000);
});

/** Some packet of the universe matches the rule on its own (negated /30 and the like can match nothing). */
const satisfiableCache = new Map<string, boolean>();
function satisfiable(r: NatRule): boolean {
  const known = satisfiableCache.get(r.canon);
  if (known !== undefined) return known;
  const answer = searchSatisfiable(r);
  satisfiableCache.set(r.canon, answer);
  return answer;
}

function searchSatisfiable(r: NatRule): boolean {
  for (const src of IPS)
    for (const dst of IPS)
      for (const iface of IFS)
        for (const proto of PROTOS)
          for (const dport of DPORTS) {
            const p = { src, dst, proto, dport, inIf: iface, outIf: iface };
            if (matches(r, p, () => true)) return true;
          }
  return false;
}

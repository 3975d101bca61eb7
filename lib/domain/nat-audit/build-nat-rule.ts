/**
 * A NormalRule (lib/domain/rules: aliases resolved, negation prefix-style,
 * implicit `-m tcp` explicit) to the audit's NatRule parts: typed matches,
 * a typed target, the options Branchdesk does not interpret, and `canon`.
 *
 * Equivalences made here, beyond the normaliser's: a /32 is written bare;
 * `-m comment` is kept aside (it never changes what matches); `-m tcp`/`-m udp`
 * without options vanish; REDIRECT `--to-ports P` on a single `--dport P` is a
 * bare REDIRECT (REDIRECT keeps the destination port when none is given).
 */
import { normaliseIpv4 } from "../rules/normalise-address";
import type { NormalRule, Opt } from "../rules/normal-rule";
import type { AddrMatch, NatMatch, NatOption, NatTarget, NatTargetKind, PortMatch } from "./nat-audit-types";

export type RuleParts = { match: NatMatch; target: NatTarget; unknownOptions: NatOption[]; canon: string };

export const EMPTY_MATCH: NatMatch = {
  src: null,
  dst: null,
  inIf: null,
  outIf: null,
  proto: null,
  sport: null,
  dport: null,
  srcMac: null,
  dstMac: null,
  arpOp: null,
  arpIpSrc: null,
  arpIpDst: null,
  comment: null,
};

const IPV4_CIDR = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;
const PORT_PROTOS = ["tcp", "udp", "sctp", "dccp", "udplite"];
const TERMINAL_KINDS: Record<string, NatTargetKind> = {
  SNAT: "SNAT",
  DNAT: "DNAT",
  REDIRECT: "REDIRECT",
  MASQUERADE: "MASQUERADE",
  NETMAP: "NETMAP",
  ACCEPT: "ACCEPT",
  DROP: "DROP",
  RETURN: "RETURN",
  CONTINUE: "CONTINUE",
  arpreply: "ARPREPLY",
};

/** "203.0.113.5/32" -> "203.0.113.5"; null when the value is no IPv4 address or network. */
export function canonicalAddress(value: string): string | null {
  const n = normaliseIpv4(value, true);
  return IPV4_CIDR.test(n) ? n : null;
}

function addr(o: Opt): AddrMatch | null {
  const cidr = canonicalAddress(o.values[0] ?? "");
  return cidr === null ? null : { cidr, negated: o.negated };
}

/** A plain MAC; masks and the ebtables words (Broadcast, Multicast) stay uninterpreted. */
function mac(o: Opt): AddrMatch | null {
  const v = o.values[0] ?? "";
  return /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(v) ? { cidr: v, negated: o.negated } : null;
}

function ports(o: Opt): PortMatch | null {
  const m = /^(\d{1,5})(?:[:-](\d{0,5}))?$/.exec(o.values[0] ?? "");
  if (!m || o.values.length !== 1) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : m[2] === "" ? 65535 : Number(m[2]);
  return from <= to && to <= 65535 ? { from, to, negated: o.negated } : null;
}

function unknown(module: string | null, o: Opt): NatOption {
  return { module, name: o.name, negated: o.negated, values: [...o.values] };
}

type Setter = (match: NatMatch, o: Opt) => boolean;
const IP_BASIC: Record<string, Setter> = {
  "-s": (m, o) => !!(m.src = addr(o)),
  "-d": (m, o) => !!(m.dst = addr(o)),
  "-i": (m, o) => !!(m.inIf = { name: o.values[0]!, negated: o.negated }),
  "-o": (m, o) => !!(m.outIf = { name: o.values[0]!, negated: o.negated }),
  "-p": (m, o) => !!(m.proto = { name: o.values[0]!, negated: o.negated }),
};
const BRIDGE_BASIC: Record<string, Setter> = {
  "-p": IP_BASIC["-p"]!,
  "-i": IP_BASIC["-i"]!,
  "-o": IP_BASIC["-o"]!,
  "-s": (m, o) => !!(m.srcMac = mac(o)),
  "-d": (m, o) => !!(m.dstMac = mac(o)),
  "--arp-op": (m, o) => !!(m.arpOp = { name: o.values[0]!, negated: o.negated }),
  "--arp-ip-src": (m, o) => !!(m.arpIpSrc = addr(o)),
  "--arp-ip-dst": (m, o) => !!(m.arpIpDst = addr(o)),
};

function readMatches(rule: NormalRule, family: "ip" | "bridge", unknowns: NatOption[]): NatMatch {
  const match: NatMatch = { ...EMPTY_MATCH };
  const basic = family === "ip" ? IP_BASIC : BRIDGE_BASIC;
  for (const o of rule.basic) {
    const set = basic[o.name];
    if (!set || o.values.length !== 1 || !set(match, o)) unknowns.push(unknown(null, o));
  }
  const proto = match.proto && !match.proto.negated ? match.proto.name : null;
  for (const m of rule.matches) {
    for (const o of m.opts) {
      const isPortMatch = m.module === proto && PORT_PROTOS.includes(m.module);
      if (isPortMatch && (o.name === "--dport" || o.name === "--sport")) {
        const p = ports(o);
        if (p && o.name === "--dport") match.dport = p;
        else if (p) match.sport = p;
        else unknowns.push(unknown(m.module, o));
      } else if (m.module === "comment" && o.name === "--comment" && !o.negated) {
        match.comment = o.values.join(" ");
      } else unknowns.push(unknown(m.module, o));
    }
    if (m.opts.length === 0 && !PORT_PROTOS.includes(m.module) && m.module !== "comment") {
      unknowns.push({ module: m.module, name: "-m", negated: false, values: [m.module] });
    }
  }
  return match;
}

function readTarget(rule: NormalRule, match: NatMatch): NatTarget {
  const t = rule.target;
  const target: NatTarget = {
    kind: "NONE",
    name: t?.name ?? "",
    chain: null,
    toSource: null,
    toDestination: null,
    toPorts: null,
    arpreplyMac: null,
    options: [],
  };
  if (!t) return target;
  // User chain or extension target is decided by the table (does it declare the chain?).
  target.kind = t.verb === "-g" ? "GOTO" : (TERMINAL_KINDS[t.name] ?? "OTHER");
  if (target.kind === "GOTO") target.chain = t.name;
  for (const o of t.opts) {
    const v = o.values.join(" ");
    if (o.name === "--to-source" && !o.negated && !target.toSource) target.toSource = v;
    else if (o.name === "--to-destination" && !o.negated && !target.toDestination) target.toDestination = v;
    else if (o.name === "--to-ports" && !o.negated) target.toPorts = v.replace(":", "-");
    else if (o.name === "--arpreply-mac" && !o.negated) target.arpreplyMac = v;
    else target.options.push(unknown(null, o));
  }
  const d = match.dport;
  const singleDport = d && !d.negated && d.from === d.to ? String(d.from) : null;
  if (target.kind === "REDIRECT" && target.toPorts !== null && target.toPorts === singleDport) target.toPorts = null;
  return target;
}

function optionWords(o: NatOption): string {
  return [o.module ? `-m ${o.module}` : "", o.negated ? "!" : "", o.name, ...o.values.map((v) => JSON.stringify(v))]
    .filter((w) => w !== "")
    .join(" ");
}

function portText(p: PortMatch): string {
  return p.from === p.to ? String(p.from) : `${p.from}-${p.to}`;
}

function neg(x: { negated: boolean } | null): string {
  return x?.negated ? "! " : "";
}

/** Canonical text of match + target, without chain and comment: equal canon, equal behaviour. */
export function canonOf(match: NatMatch, target: NatTarget, unknowns: readonly NatOption[]): string {
  const w: string[] = [];
  // Plain ifs, not a helper closure per field: this runs for every rule of a dump.
  if (match.src) w.push(`${neg(match.src)}-s ${match.src.cidr}`);
  if (match.dst) w.push(`${neg(match.dst)}-d ${match.dst.cidr}`);
  if (match.inIf) w.push(`${neg(match.inIf)}-i ${match.inIf.name}`);
  if (match.outIf) w.push(`${neg(match.outIf)}-o ${match.outIf.name}`);
  if (match.proto) w.push(`${neg(match.proto)}-p ${match.proto.name}`);
  if (match.sport) w.push(`${neg(match.sport)}--sport ${portText(match.sport)}`);
  if (match.dport) w.push(`${neg(match.dport)}--dport ${portText(match.dport)}`);
  if (match.srcMac) w.push(`${neg(match.srcMac)}--src-mac ${match.srcMac.cidr}`);
  if (match.dstMac) w.push(`${neg(match.dstMac)}--dst-mac ${match.dstMac.cidr}`);
  if (match.arpOp) w.push(`${neg(match.arpOp)}--arp-op ${match.arpOp.name}`);
  if (match.arpIpSrc) w.push(`${neg(match.arpIpSrc)}--arp-ip-src ${match.arpIpSrc.cidr}`);
  if (match.arpIpDst) w.push(`${neg(match.arpIpDst)}--arp-ip-dst ${match.arpIpDst.cidr}`);
  if (unknowns.length > 0) w.push(...unknowns.map(optionWords).sort());
  if (target.kind !== "NONE") w.push(`${target.kind === "GOTO" ? "-g" : "-j"} ${target.name}`);
  if (target.toSource !== null) w.push(`--to-source ${target.toSource}`);
  if (target.toDestination !== null) w.push(`--to-destination ${target.toDestination}`);
  if (target.toPorts !== null) w.push(`--to-ports ${target.toPorts}`);
  if (target.arpreplyMac !== null) w.push(`--arpreply-mac ${target.arpreplyMac}`);
  w.push(...target.options.map(optionWords));
  return w.join(" ");
}

export function buildNatRule(rule: NormalRule, family: "ip" | "bridge"): RuleParts {
  const unknownOptions: NatOption[] = [];
  const match = readMatches(rule, family, unknownOptions);
  const target = readTarget(rule, match);
  return { match, target, unknownOptions, canon: canonOf(match, target, unknownOptions) };
}

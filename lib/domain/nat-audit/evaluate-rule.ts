/**
 * One packet against one rule, three-valued: a field the packet does not
 * state, or an option Branchdesk does not interpret, makes the answer
 * "unknown" unless a known field already rules the packet out.
 */
import { ipv4ToInt, type Ipv4 } from "../values/ipv4";
import type { AddrMatch, IfMatch, NatMatch, NatRule, PortMatch, ProtoMatch, TraceResult } from "./nat-audit-types";

/** What a packet (or an ARP request frame) shows the nat table; absent fields are unknown. */
export type PacketFields = {
  src?: string;
  dst?: string;
  inIf?: string;
  outIf?: string;
  proto?: string;
  sport?: number;
  dport?: number;
  srcMac?: string;
  dstMac?: string;
  arpOp?: string;
  arpIpSrc?: string;
  arpIpDst?: string;
};

export function inCidr(ip: string, cidr: string): boolean {
  const [net = "", prefix = "32"] = cidr.split("/");
  const size = 2 ** (32 - Number(prefix));
  const base = Math.floor(ipv4ToInt(net as Ipv4) / size) * size;
  const v = ipv4ToInt(ip as Ipv4);
  return v >= base && v < base + size;
}

function ifMatches(m: IfMatch, v: string): boolean {
  return m.name.endsWith("+") ? v.startsWith(m.name.slice(0, -1)) : v === m.name;
}

type Test = (m: never, v: never) => boolean;
const TESTS: Partial<Record<keyof NatMatch, Test>> = {
  src: ((m: AddrMatch, v: string) => inCidr(v, m.cidr)) as Test,
  dst: ((m: AddrMatch, v: string) => inCidr(v, m.cidr)) as Test,
  arpIpSrc: ((m: AddrMatch, v: string) => inCidr(v, m.cidr)) as Test,
  arpIpDst: ((m: AddrMatch, v: string) => inCidr(v, m.cidr)) as Test,
  inIf: ifMatches as Test,
  outIf: ifMatches as Test,
  proto: ((m: ProtoMatch, v: string) => m.name.toLowerCase() === v.toLowerCase()) as Test,
  arpOp: ((m: ProtoMatch, v: string) => m.name === v) as Test,
  sport: ((m: PortMatch, v: number) => v >= m.from && v <= m.to) as Test,
  dport: ((m: PortMatch, v: number) => v >= m.from && v <= m.to) as Test,
  srcMac: ((m: AddrMatch, v: string) => m.cidr === v.toLowerCase()) as Test,
  dstMac: ((m: AddrMatch, v: string) => m.cidr === v.toLowerCase()) as Test,
};

export function evaluateRule(rule: NatRule, p: PacketFields): TraceResult {
  let unknown = rule.unknownOptions.length > 0;
  for (const [field, test] of Object.entries(TESTS) as [keyof NatMatch, Test][]) {
    const m = rule.match[field] as { negated: boolean } | null;
    if (!m) continue;
    const v = p[field as keyof PacketFields];
    if (v === undefined) {
      unknown = true;
      continue;
    }
    if ((test as (m: unknown, v: unknown) => boolean)(m, v) === m.negated) return "no match";
  }
  return unknown ? "unknown" : "match";
}

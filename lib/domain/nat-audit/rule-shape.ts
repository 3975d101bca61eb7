/**
 * Does a nat rule have the shape of one of Branchdesk's rule kinds (whatever
 * its addresses)? Such a rule, not equivalent to an expected one, is either
 * stale (its guest or link-local address is gone or lives elsewhere) or a
 * near-miss worth showing. Strict like recognise-rule.ts: any extra match,
 * option or negation makes it "not that shape".
 */
import type { Rule } from "../rules/rule";
import type { NatRule } from "./nat-audit-types";

export type Shape = { kind: Rule["kind"]; guestIp: string | null; toSource: string | null };

const BARE_IP = /^\d{1,3}(\.\d{1,3}){3}$/;

function onlyFields(r: NatRule, fields: readonly string[]): boolean {
  const m = r.match as Record<string, unknown>;
  const set = Object.keys(m).filter((k) => k !== "comment" && m[k] !== null);
  return set.length === fields.length && fields.every((f) => set.includes(f)) && r.unknownOptions.length === 0;
}

function positive(x: { negated: boolean } | null): boolean {
  return x !== null && !x.negated;
}

function tcpSinglePort(r: NatRule): boolean {
  const { proto, dport } = r.match;
  return positive(proto) && proto!.name === "tcp" && positive(dport) && dport!.from === dport!.to;
}

export function shapeOf(r: NatRule): Shape | null {
  const { match: m, target: t } = r;
  if (t.options.length > 0) return null;
  const dst = positive(m.dst) && BARE_IP.test(m.dst!.cidr) ? m.dst!.cidr : null;
  if (t.kind === "SNAT" && t.toSource !== null && BARE_IP.test(t.toSource)) {
    if (dst && positive(m.outIf) && tcpSinglePort(r) && onlyFields(r, ["dst", "outIf", "proto", "dport"])) {
      return { kind: "snat-to-guest", guestIp: dst, toSource: t.toSource };
    }
    if (positive(m.src) && m.outIf?.negated && onlyFields(r, ["src", "outIf"])) {
      return { kind: "snat-from-pool", guestIp: null, toSource: t.toSource };
    }
  }
  if (t.kind === "REDIRECT" && t.toPorts === null && dst && positive(m.inIf) && tcpSinglePort(r)) {
    if (onlyFields(r, ["dst", "inIf", "proto", "dport"])) return { kind: "redirect", guestIp: dst, toSource: null };
  }
  const arpDst = positive(m.arpIpDst) && BARE_IP.test(m.arpIpDst!.cidr) ? m.arpIpDst!.cidr : null;
  if (t.kind === "ARPREPLY" && t.arpreplyMac !== null && arpDst && m.proto?.name === "ARP") {
    if (m.arpOp?.name === "Request" && onlyFields(r, ["proto", "arpOp", "arpIpDst"])) {
      return { kind: "arpreply", guestIp: arpDst, toSource: null };
    }
  }
  return null;
}

/**
 * The RuleSet model: what Branchdesk wants in a target's netfilter tables,
 * as data. Builders derive it from inventory, renderers turn it into text,
 * parsers turn what the kernel reports back into the same shapes, diff
 * compares. Every field is a parsed value object, so no rule can carry text
 * that was not validated first.
 *
 * Ownership: every rule lives in a chain Branchdesk owns (BRANCHDESK-PRE,
 * BRANCHDESK-POST, BRANCHDESK-ARP). The built-in chain holds exactly one plain
 * jump to it, inserted at the top. Flushing and refilling an owned chain can
 * never drop, reorder or duplicate a rule that libvirt (LIBVIRT_*), docker
 * (DOCKER*) or an admin put in the same table. See README.md.
 */
import { compareIpv4, type Ipv4 } from "../values/ipv4";
import type { Cidr } from "../values/cidr";
import type { Ifname } from "../values/ifname";
import type { Mac } from "../values/mac";
import type { Port } from "../values/port";

export const CHAIN = {
  /** iptables nat, jumped from PREROUTING on hosts: REDIRECT guest-IP:22 to the host's sshd. */
  pre: "BRANCHDESK-PRE",
  /** iptables nat, jumped from POSTROUTING on gateways: the two SNAT kinds. */
  post: "BRANCHDESK-POST",
  /** ebtables nat, jumped from PREROUTING on hosts: arpreply for guest IPs. */
  arp: "BRANCHDESK-ARP",
} as const;
export type OwnedChain = (typeof CHAIN)[keyof typeof CHAIN];

/** ebtables nat PREROUTING: answer "who has <ip>?" with <mac>, even when the guest is off. */
export type ArpReplyRule = { kind: "arpreply"; ip: Ipv4; mac: Mac };
/** iptables nat PREROUTING: TCP to <ip>:<port> arriving on the bridge goes to the host itself. */
export type RedirectRule = { kind: "redirect"; inIfname: Ifname; ip: Ipv4; port: Port };
/** iptables nat POSTROUTING on the gateway: towards a guest IP's SSH port, speak link-local. */
export type SnatToGuestRule = { kind: "snat-to-guest"; outIfname: Ifname; ip: Ipv4; port: Port; toSource: Ipv4 };
/**
 * iptables nat POSTROUTING on the gateway: link-local sources leaving by another interface get the routable
 * address.
 */
export type SnatFromPoolRule = { kind: "snat-from-pool"; notOutIfname: Ifname; source: Cidr; toSource: Ipv4 };
export type Rule = ArpReplyRule | RedirectRule | SnatToGuestRule | SnatFromPoolRule;

export type Tool = "iptables" | "ebtables";

/** A plain `-j <chain>` from a built-in nat chain into an owned chain; must exist exactly once. */
export type Jump = { tool: Tool; table: "nat"; from: "PREROUTING" | "POSTROUTING"; chain: OwnedChain };

/** The only sysctls the rules depend on, and the only ones an agent payload may set. */
export const SETTING_KEYS = ["net.ipv4.ip_forward", "net.bridge.bridge-nf-call-iptables"] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
/** A sysctl the rules depend on; `module` must be loaded before the key exists. */
export type Setting = { key: SettingKey; value: "1"; module?: "br_netfilter" };

export type Target = "host" | "gateway";
export type RuleSet = {
  target: Target;
  /** One per owned chain of this target, in render order; declares (and so flushes) the chain. */
  jumps: readonly Jump[];
  /** Sorted by compareRules, no duplicates. */
  rules: readonly Rule[];
  settings: readonly Setting[];
};

export function ruleChain(rule: Rule): OwnedChain {
  switch (rule.kind) {
    case "arpreply":
      return CHAIN.arp;
    case "redirect":
      return CHAIN.pre;
    case "snat-to-guest":
    case "snat-from-pool":
      return CHAIN.post;
  }
}

export function ruleTool(rule: Rule): Tool {
  return rule.kind === "arpreply" ? "ebtables" : "iptables";
}

const KIND_ORDER: Record<Rule["kind"], number> = { arpreply: 0, redirect: 1, "snat-to-guest": 2, "snat-from-pool": 3 };

/** Stable order: by kind, then guest IP numerically (so .9 sorts before .10), then every other field. */
export function compareRules(a: Rule, b: Rule): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  const byIp = "ip" in a && "ip" in b ? compareIpv4(a.ip, b.ip) : 0;
  if (byIp !== 0) return byIp;
  const ia = ruleId(a);
  const ib = ruleId(b);
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Identity of a rule: every field in a fixed order (object key order must not matter). */
export function ruleId(rule: Rule): string {
  switch (rule.kind) {
    case "arpreply":
      return `arpreply ${rule.ip} ${rule.mac}`;
    case "redirect":
      return `redirect ${rule.inIfname} ${rule.ip} ${rule.port}`;
    case "snat-to-guest":
      return `snat-to-guest ${rule.outIfname} ${rule.ip} ${rule.port} ${rule.toSource}`;
    case "snat-from-pool":
      return `snat-from-pool ${rule.notOutIfname} ${rule.source} ${rule.toSource}`;
  }
}

/** Sorts and drops exact duplicates (same fields), so a rule set never asks for a rule twice. */
export function normaliseRules(rules: readonly Rule[]): Rule[] {
  const seen = new Set<string>();
  const out: Rule[] = [];
  for (const r of [...rules].sort(compareRules)) {
    const id = ruleId(r);
    if (!seen.has(id)) out.push(r);
    seen.add(id);
  }
  return out;
}

/**
 * A host's RuleSet, derived only from inventory: for each guest on the host's
 * bridge, an ebtables arpreply (the LAN resolves the guest's IP to the guest's
 * MAC even while Windows is off) and an iptables REDIRECT of TCP 22 for the
 * guest's IP to the host's own sshd. Both need br_netfilter with
 * net.bridge.bridge-nf-call-iptables=1: without it bridged frames never
 * traverse iptables and the REDIRECT silently matches nothing.
 */
import type { Ifname } from "../values/ifname";
import type { Ipv4 } from "../values/ipv4";
import type { Mac } from "../values/mac";
import { SSH_PORT } from "../values/port";
import { CHAIN, normaliseRules, type Jump, type Rule, type RuleSet, type Setting } from "./rule";

export type HostRuleInput = {
  /** The bridge holding the host's NIC and the guest's tap (virbr0 by default). */
  bridge: Ifname;
  guests: readonly { ip: Ipv4; mac: Mac }[];
};

export const HOST_JUMPS: readonly Jump[] = [
  { tool: "ebtables", table: "nat", from: "PREROUTING", chain: CHAIN.arp },
  { tool: "iptables", table: "nat", from: "PREROUTING", chain: CHAIN.pre },
];

export const HOST_SETTINGS: readonly Setting[] = [
  { key: "net.bridge.bridge-nf-call-iptables", value: "1", module: "br_netfilter" },
];

export function buildHostRuleSet(input: HostRuleInput): RuleSet {
  const rules: Rule[] = [];
  for (const guest of input.guests) {
    rules.push({ kind: "arpreply", ip: guest.ip, mac: guest.mac });
    rules.push({ kind: "redirect", inIfname: input.bridge, ip: guest.ip, port: SSH_PORT });
  }
  return { target: "host", jumps: HOST_JUMPS, rules: normaliseRules(rules), settings: HOST_SETTINGS };
}

/**
 * A branch gateway's RuleSet, derived only from inventory. Hosts only speak
 * link-local, so the gateway translates both ways in nat POSTROUTING:
 * - per guest: traffic leaving by the LAN interface to the guest IP's TCP 22
 *   gets the gateway's link-local address as source, so the host (reached by
 *   its REDIRECT) can answer on its link-local subnet;
 * - once: link-local sources leaving by any other interface get the gateway's
 *   routable LAN address, so replies to head office are routable.
 * Both need net.ipv4.ip_forward=1 or nothing is forwarded at all.
 */
import type { Cidr } from "../values/cidr";
import type { Ifname } from "../values/ifname";
import type { Ipv4 } from "../values/ipv4";
import { SSH_PORT } from "../values/port";
import { CHAIN, normaliseRules, type Jump, type Rule, type RuleSet, type Setting } from "./rule";

export type GatewayRuleInput = {
  /** The interface facing the branch LAN (the /24 holding the guests). */
  lanIfname: Ifname;
  /** The gateway's routable address on the LAN. */
  lanIp: Ipv4;
  /** The gateway's link-local address (inside linkLocalPool). */
  linkLocalIp: Ipv4;
  /** The branch's link-local pool (169.254.0.0/16 in practice). */
  linkLocalPool: Cidr;
  guests: readonly { ip: Ipv4 }[];
};

export const GATEWAY_JUMPS: readonly Jump[] = [
  { tool: "iptables", table: "nat", from: "POSTROUTING", chain: CHAIN.post },
];

export const GATEWAY_SETTINGS: readonly Setting[] = [{ key: "net.ipv4.ip_forward", value: "1" }];

export function buildGatewayRuleSet(input: GatewayRuleInput): RuleSet {
  const rules: Rule[] = input.guests.map((g) => ({
    kind: "snat-to-guest",
    outIfname: input.lanIfname,
    ip: g.ip,
    port: SSH_PORT,
    toSource: input.linkLocalIp,
  }));
  rules.push({
    kind: "snat-from-pool",
    notOutIfname: input.lanIfname,
    source: input.linkLocalPool,
    toSource: input.lanIp,
  });
  return { target: "gateway", jumps: GATEWAY_JUMPS, rules: normaliseRules(rules), settings: GATEWAY_SETTINGS };
}

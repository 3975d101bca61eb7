/**
 * Representative branches for golden files and kernel round trips, written as
 * raw inventory (what the database hands over) and parsed like production
 * input. Documentation ranges and link-local only.
 */
import { unwrap } from "../../result";
import { buildGatewayRuleSet } from "../build-gateway-rule-set";
import { buildHostRuleSet } from "../build-host-rule-set";
import { parseGatewayRuleInput, parseHostRuleInput } from "../parse-rule-input";
import type { RuleSet } from "../rule";

export type Branch = {
  name: string;
  ruleSet: RuleSet;
  /** Interfaces the rules name, to create in a namespace: bridges, and plain links. */
  bridges: string[];
  links: string[];
};

function guests(n: number, base = 10): { ip: string; mac: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    ip: `203.0.113.${base + i}`,
    mac: `52:54:00:00:01:${(i + 1).toString(16).padStart(2, "0")}`,
  }));
}

function host(name: string, bridge: string, g: { ip: string; mac: string }[]): Branch {
  const ruleSet = buildHostRuleSet(unwrap(parseHostRuleInput({ bridge, guests: g })));
  return { name, ruleSet, bridges: [bridge], links: [] };
}

function gateway(name: string, lanIfname: string, g: { ip: string }[]): Branch {
  const input = { lanIfname, lanIp: "203.0.113.1", linkLocalIp: "169.254.1.1", linkLocalPool: "169.254.0.0/16", guests: g };
  return { name, ruleSet: buildGatewayRuleSet(unwrap(parseGatewayRuleInput(input))), bridges: [], links: [lanIfname] };
}

export const BRANCHES: readonly Branch[] = [
  host("host-one-guest", "virbr0", [{ ip: "203.0.113.10", mac: "52:54:00:01:02:0a" }]),
  host("host-many-guests", "virbr0", guests(40)),
  host("host-odd-bridge", "br-lan.10", [
    { ip: "198.51.100.9", mac: "52:54:00:0a:0b:0c" },
    { ip: "198.51.100.10", mac: "00:16:3e:7f:00:01" },
  ]),
  host("host-no-guests", "virbr0", []),
  gateway("gateway-one-guest", "eth1", [{ ip: "203.0.113.10" }]),
  gateway("gateway-many-guests", "eth1", guests(40)),
  gateway("gateway-odd-lan", "lan_0-9.100", [{ ip: "203.0.113.99" }, { ip: "203.0.113.100" }]),
];

/**
 * The inventory behind the fixtures (documentation ranges): branch LAN 203.0.113.0/24 on eth0,
 * gateway 203.0.113.1 with link-local 169.254.1.1; guests .10, .11, .12 in this branch, .10 and
 * .11 on this host; .20 belongs to another branch/host now; .30 was deleted.
 */
import { unwrap } from "../../result";
import { buildGatewayRuleSet } from "../../rules/build-gateway-rule-set";
import { buildHostRuleSet } from "../../rules/build-host-rule-set";
import { parseCidr } from "../../values/cidr";
import { parseIfname } from "../../values/ifname";
import { parseIpv4, type Ipv4 } from "../../values/ipv4";
import { parseMac } from "../../values/mac";
import type { InventoryAddress, NatExpectation } from "../nat-audit-types";

export const ip = (s: string): Ipv4 => unwrap(parseIpv4(s));

export const GATEWAY_RULES = buildGatewayRuleSet({
  lanIfname: unwrap(parseIfname("eth0")),
  lanIp: ip("203.0.113.1"),
  linkLocalIp: ip("169.254.1.1"),
  linkLocalPool: unwrap(parseCidr("169.254.0.0/16")),
  guests: [{ ip: ip("203.0.113.10") }, { ip: ip("203.0.113.11") }, { ip: ip("203.0.113.12") }],
});

export const HOST_RULES = buildHostRuleSet({
  bridge: unwrap(parseIfname("virbr0")),
  guests: [
    { ip: ip("203.0.113.10"), mac: unwrap(parseMac("52:54:00:01:02:0a")) },
    { ip: ip("203.0.113.11"), mac: unwrap(parseMac("52:54:00:01:02:0b")) },
  ],
});

const guest = (a: string, where: string, here: boolean): InventoryAddress => ({ ip: ip(a), kind: "guest", where, here });

export const GATEWAY_EXPECTATION: NatExpectation = {
  role: "gateway",
  expectedRules: GATEWAY_RULES.rules,
  inventory: [
    guest("203.0.113.10", "branch 0042", true),
    guest("203.0.113.11", "branch 0042", true),
    guest("203.0.113.12", "branch 0042", true),
    guest("203.0.113.20", "branch 0007", false),
    { ip: ip("169.254.1.1"), kind: "link-local", where: "gateway br-0042-gw", here: true },
  ],
};

export const HOST_EXPECTATION: NatExpectation = {
  role: "host",
  expectedRules: HOST_RULES.rules,
  inventory: [
    guest("203.0.113.10", "host br-0042-h07", true),
    guest("203.0.113.11", "host br-0042-h07", true),
    guest("203.0.113.12", "host br-0042-h03", false),
    guest("203.0.113.20", "host br-0007-h02", false),
    { ip: ip("169.254.7.7"), kind: "link-local", where: "host br-0042-h07", here: true },
  ],
};

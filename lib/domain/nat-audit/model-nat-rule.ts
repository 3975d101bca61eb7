/**
 * A Branchdesk model Rule as a NatRule: its rendered words (rule-args.ts, the
 * exact text the agent ships) through the same normaliser as a dump, so an
 * expected rule and a rule read back compare with one notion of equivalence.
 */
import { unwrap } from "../result";
import { normaliseEbtablesRule } from "../rules/normalise-ebtables-rule";
import { normaliseIptablesRule } from "../rules/normalise-iptables-rule";
import { ruleChain, ruleTool, type Rule } from "../rules/rule";
import { ruleArgs } from "../rules/rule-args";
import { buildNatRule } from "./build-nat-rule";
import type { NatRule } from "./nat-audit-types";

export function modelNatRule(rule: Rule): NatRule {
  const chain = ruleChain(rule);
  const args = ruleArgs(rule);
  const ip = ruleTool(rule) === "iptables";
  const normal = unwrap((ip ? normaliseIptablesRule : normaliseEbtablesRule)(chain, args));
  return {
    chain,
    index: 0,
    line: 0,
    text: `-A ${chain} ${args.join(" ")}`,
    counters: null,
    ...buildNatRule(normal, ip ? "ip" : "bridge"),
  };
}

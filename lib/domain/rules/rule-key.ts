/**
 * The canonical key of a model Rule: its rendered words passed through the
 * same normaliser as a dump's, so desired and running rules compare with one
 * notion of equality. (For every Rule the key equals ruleLine(rule); a test
 * holds that, which keeps rendered text and read-back byte-identical.)
 */
import { unwrap } from "../result";
import { normaliseEbtablesRule } from "./normalise-ebtables-rule";
import { normaliseIptablesRule } from "./normalise-iptables-rule";
import { ruleKey } from "./normal-rule";
import { ruleChain, ruleTool, type Rule } from "./rule";
import { ruleArgs } from "./rule-args";

export function modelRuleKey(rule: Rule): string {
  const normalise = ruleTool(rule) === "iptables" ? normaliseIptablesRule : normaliseEbtablesRule;
  return ruleKey(unwrap(normalise(ruleChain(rule), ruleArgs(rule))));
}

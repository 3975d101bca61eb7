/** A Branchdesk model Rule as a NatRule (its rendered line parsed), for equivalence with what was read. */
import type { Rule } from "../rules/rule";
import type { NatRule } from "./nat-audit-types";

export function modelNatRule(rule: Rule): NatRule {
  void rule;
  throw new Error("modelNatRule: not implemented yet");
}

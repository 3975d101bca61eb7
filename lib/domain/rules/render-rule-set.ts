/**
 * Every text an apply agent needs for one target, keyed by the file name it
 * is shipped under (contract in README.md). A zero-length text means "nothing
 * to do with this tool on this target" (a gateway has no ebtables part).
 * Same RuleSet in, byte-identical texts out: "nothing changed" is a string
 * comparison.
 */
import type { RuleSet } from "./rule";
import { renderEbtables } from "./render-ebtables";
import { renderIptables } from "./render-iptables";
import { renderJumps } from "./render-jumps";
import { renderModules, renderSysctl } from "./render-sysctl";

/** In the order the agent's planner reads them: chains are declared before the jumps name them. */
export const RULE_FILES = [
  "branchdesk.iptables",
  "branchdesk.ebtables",
  "branchdesk.jumps",
  "branchdesk.sysctl",
  "branchdesk.modules",
] as const;
export type RuleFile = (typeof RULE_FILES)[number];
export type RenderedRuleSet = Record<RuleFile, string>;

export function renderRuleSet(rs: RuleSet): RenderedRuleSet {
  return {
    "branchdesk.iptables": renderIptables(rs),
    "branchdesk.ebtables": renderEbtables(rs),
    "branchdesk.jumps": renderJumps(rs),
    "branchdesk.sysctl": renderSysctl(rs),
    "branchdesk.modules": renderModules(rs),
  };
}

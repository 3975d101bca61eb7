/**
 * Every text an apply agent needs for one target, keyed by the file name it
 * is shipped under (contract in README.md). A zero-length text means "nothing
 * to do with this tool on this target" (a gateway has no ebtables part).
 * Same RuleSet in, byte-identical texts out: "nothing changed" is a string
 * comparison.
 */
import type { RuleSet } from "./rule";
import { renderEbtables, renderEbtablesCommands } from "./render-ebtables";
import { renderIptables } from "./render-iptables";
import { renderJumps } from "./render-jumps";
import { renderNftables } from "./render-nftables";
import { renderModules, renderSysctl } from "./render-sysctl";

export type RenderedRuleSet = {
  "branchdesk.iptables": string;
  "branchdesk.ebtables": string;
  "branchdesk.ebtables-cmds": string;
  "branchdesk.jumps": string;
  "branchdesk.sysctl": string;
  "branchdesk.modules": string;
  "branchdesk.nft": string;
};

export function renderRuleSet(rs: RuleSet): RenderedRuleSet {
  return {
    "branchdesk.iptables": renderIptables(rs),
    "branchdesk.ebtables": renderEbtables(rs),
    "branchdesk.ebtables-cmds": renderEbtablesCommands(rs),
    "branchdesk.jumps": renderJumps(rs),
    "branchdesk.sysctl": renderSysctl(rs),
    "branchdesk.modules": renderModules(rs),
    "branchdesk.nft": renderNftables(rs),
  };
}

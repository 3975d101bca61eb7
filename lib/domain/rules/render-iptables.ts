/**
 * A RuleSet's iptables part as `iptables-restore --noflush` input, nat table.
 *
 * Declaring `:BRANCHDESK-PRE - [0:0]` creates the chain if missing and
 * flushes it if present (checked on iptables-nft 1.8.9 and iptables-legacy
 * 1.8.9; 1.4.21's restore does the same for declared user chains), so applying
 * the file any number of times leaves exactly the rendered rules. --noflush
 * keeps every chain the file does not declare, built-in ones included: the
 * jump from PREROUTING/POSTROUTING is not in this file, because `-A` there
 * would add one more copy per apply. See README.md for the jump step.
 *
 * Deterministic: rules in compareRules order, no timestamps, no counters.
 */
import { ruleChain, type RuleSet } from "./rule";
import { ruleLine } from "./rule-args";

export function renderIptables(rs: RuleSet): string {
  const chains = rs.jumps.filter((j) => j.tool === "iptables").map((j) => j.chain);
  if (chains.length === 0) return "";
  const lines = [
    `# Branchdesk ${rs.target} rule set: owned chains only; iptables-restore --noflush`,
    "*nat",
    ...chains.map((c) => `:${c} - [0:0]`),
    ...rs.rules.filter((r) => chains.includes(ruleChain(r))).map(ruleLine),
    "COMMIT",
  ];
  return lines.join("\n") + "\n";
}

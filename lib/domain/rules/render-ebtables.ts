/**
 * A RuleSet's ebtables part as `ebtables-restore --noflush` input
 * (ebtables-nft, Debian). Declaring `:BRANCHDESK-ARP RETURN` creates or
 * flushes just that chain (checked on ebtables-nft 1.8.9), like
 * iptables-restore. No COMMIT line: ebtables-save prints none and
 * ebtables-nft-restore needs none, so the file reads back with the same
 * parser as a save dump. Legacy ebtables 2.0.x (CentOS 7) has no usable
 * --noflush: the agent runs the same rule lines as single commands there
 * (agents/README.md), so every word is a validated token.
 *
 * The user chain's policy is RETURN so frames that match no Branchdesk rule
 * continue through PREROUTING untouched.
 */
import { ruleChain, type RuleSet } from "./rule";
import { ruleLine } from "./rule-args";

function ebChains(rs: RuleSet): string[] {
  return rs.jumps.filter((j) => j.tool === "ebtables").map((j) => j.chain);
}

export function renderEbtables(rs: RuleSet): string {
  const chains = ebChains(rs);
  if (chains.length === 0) return "";
  const lines = [
    `# Branchdesk ${rs.target} rule set: owned chains only; ebtables-restore --noflush`,
    "*nat",
    ...chains.map((c) => `:${c} RETURN`),
    ...rs.rules.filter((r) => chains.includes(ruleChain(r))).map(ruleLine),
  ];
  return lines.join("\n") + "\n";
}

/**
 * A RuleSet's ebtables part, in two forms for the two kinds of host:
 *
 * renderEbtables: `ebtables-restore --noflush` input (ebtables-nft, Debian).
 *   Declaring `:BRANCHDESK-ARP RETURN` creates or flushes just that chain
 *   (checked on ebtables-nft 1.8.9), like iptables-restore. No COMMIT line:
 *   ebtables-save prints none and ebtables-nft-restore needs none, so the file
 *   reads back with the same parser as a save dump.
 *
 * renderEbtablesCommands: one `ebtables` argument list per line, for legacy
 *   ebtables 2.0.10 (CentOS 7), whose ebtables-restore has no --noflush and
 *   would wipe the whole nat table, libvirt's rules included. The agent
 *   creates the chain if missing, then runs each line as `ebtables <line>`;
 *   the first line flushes the chain, so re-running is idempotent. Every word
 *   is a validated token without spaces or glob characters.
 *
 * The user chain's policy is RETURN so frames that match no Branchdesk rule
 * continue through PREROUTING untouched.
 */
import { ruleChain, type RuleSet } from "./rule";
import { ruleArgs, ruleLine } from "./rule-args";

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

export function renderEbtablesCommands(rs: RuleSet): string {
  const chains = ebChains(rs);
  if (chains.length === 0) return "";
  const lines = [
    ...chains.map((c) => `-t nat -F ${c}`),
    ...rs.rules.filter((r) => chains.includes(ruleChain(r))).map((r) => ["-t", "nat", "-A", ruleChain(r), ...ruleArgs(r)].join(" ")),
  ];
  return lines.join("\n") + "\n";
}

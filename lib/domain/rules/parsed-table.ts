/**
 * One netfilter table as a dump reports it, in dump order. `rules` keeps the
 * original text next to the normalised form so foreign rules can be shown to
 * an operator exactly as the machine printed them.
 */
import type { NormalRule } from "./normal-rule";
import type { Rule, Tool } from "./rule";

export type ParsedChain = {
  name: string;
  /** ACCEPT/DROP for built-in chains; "-" (iptables) or RETURN/ACCEPT/... (ebtables) for user chains. */
  policy: string;
};

export type ParsedRule = {
  chain: string;
  /** Canonical line: equal keys mean semantically equal rules. */
  key: string;
  normal: NormalRule;
  /** The rule as a Branchdesk Rule when it has exactly one of the owned shapes. */
  rule: Rule | null;
  /** 1-based line in the dump, and the line as printed. */
  line: number;
  text: string;
};

export type ParsedTable = {
  tool: Tool;
  table: string;
  chains: ParsedChain[];
  rules: ParsedRule[];
};

export const BUILTIN_CHAINS: Record<Tool, readonly string[]> = {
  iptables: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
  ebtables: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING", "BROUTING"],
};

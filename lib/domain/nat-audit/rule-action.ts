/**
 * What a rule does to the packets it matches, for the nat table's traversal:
 * the first rule that NATs (or ACCEPTs) ends the table for that packet
 * (netfilter decides nat once per connection), RETURN goes back to the
 * calling chain, a jump descends, a goto descends and returns to the caller's
 * caller. Anything Branchdesk does not know (LOG, an extension target) is
 * taken as "continue", which can only make the analysis claim less.
 */
import type { NatRule, NatTable } from "./nat-audit-types";

export type Action =
  | { kind: "terminal" }
  | { kind: "return" }
  | { kind: "continue" }
  | { kind: "jump"; chain: string }
  | { kind: "goto"; chain: string };

const TERMINAL = new Set(["SNAT", "DNAT", "REDIRECT", "MASQUERADE", "NETMAP", "ACCEPT", "DROP"]);

export function ruleAction(rule: NatRule, declared: ReadonlySet<string>): Action {
  const t = rule.target;
  if (TERMINAL.has(t.kind)) return { kind: "terminal" };
  if (t.kind === "RETURN") return { kind: "return" };
  if (t.kind === "ARPREPLY") {
    // arpreply answers, then applies --arpreply-target (default DROP: the request goes no further).
    const after = t.options.find((o) => o.name === "--arpreply-target")?.values[0] ?? "DROP";
    return after === "RETURN" ? { kind: "return" } : after === "CONTINUE" ? { kind: "continue" } : { kind: "terminal" };
  }
  if ((t.kind === "JUMP" || t.kind === "GOTO") && t.chain && declared.has(t.chain)) {
    return { kind: t.kind === "JUMP" ? "jump" : "goto", chain: t.chain };
  }
  return { kind: "continue" };
}

/** A user chain's end: iptables `-` and ebtables RETURN go back to the caller; ACCEPT/DROP end the table. */
export function policyReturns(policy: string): boolean {
  return policy === "-" || policy === "RETURN" || policy === "CONTINUE";
}

export type Layout = {
  /** Global rule indices (into table.rules) per chain, in chain order. */
  byChain: Map<string, number[]>;
  policy: Map<string, string>;
  builtins: string[];
  declared: Set<string>;
  actions: Action[];
};

export function layoutOf(table: NatTable): Layout {
  const byChain = new Map<string, number[]>();
  for (const c of table.chains) byChain.set(c.name, []);
  table.rules.forEach((r, i) => {
    if (!byChain.has(r.chain)) byChain.set(r.chain, []);
    byChain.get(r.chain)!.push(i);
  });
  const declared = new Set(byChain.keys());
  return {
    byChain,
    policy: new Map(table.chains.map((c) => [c.name, c.policy])),
    builtins: table.chains.filter((c) => c.builtin).map((c) => c.name),
    declared,
    actions: table.rules.map((r) => ruleAction(r, declared)),
  };
}

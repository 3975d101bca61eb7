/**
 * What "Adopt hand-made rules" (issue 13) does to one box, from its classified iptables nat
 * table: the hand-made equivalents of Branchdesk's rules in built-in chains go, and so do their
 * duplicates (a duplicate carries `expected` only when it copies a Branchdesk-equivalent rule);
 * everything else, foreign rules above all, stays as it is. What Branchdesk adds is what the
 * audit finds missing: its own chains take over in the same atomic apply.
 */
import { ruleLine } from "../rules/rule-args";
import { ruleChain } from "../rules/rule";
import { parseAdoptLine, withoutCounters, type AdoptLine } from "./adopt-line";
import type { RuleFinding } from "./nat-audit-types";

const BUILTIN = new Set(["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"]);

export type AdoptionRemoval = {
  line: AdoptLine;
  chain: string;
  /** 1-based position in its chain when read. */
  index: number;
  class: "hand-made-equivalent" | "duplicate";
  reason: string;
};
export type AdoptionPlan = {
  /** One entry per copy, in dump order: the agent deletes exactly these. */
  remove: AdoptionRemoval[];
  /** Branchdesk's rules and jumps the audit found missing (the rollout renders them). */
  add: { chain: string; line: string }[];
  /** Rules left exactly as they are. */
  keep: number;
  /** Lines that looked adoptable but cannot be expressed as one (never expected: a parser/printer mismatch). */
  problems: string[];
};

export function planAdoption(findings: readonly RuleFinding[]): AdoptionPlan {
  const plan: AdoptionPlan = { remove: [], add: [], keep: 0, problems: [] };
  for (const f of findings) {
    if (f.class === "missing") {
      if (f.expected) plan.add.push({ chain: ruleChain(f.expected), line: ruleLine(f.expected) });
      else if (f.jump) plan.add.push({ chain: f.jump.from, line: `-A ${f.jump.from} -j ${f.jump.chain}` });
      continue;
    }
    const r = f.rule;
    if (!r) continue;
    const adoptable =
      BUILTIN.has(r.chain) && (f.class === "hand-made-equivalent" || (f.class === "duplicate" && f.expected !== null));
    if (!adoptable) {
      plan.keep++;
      continue;
    }
    const line = parseAdoptLine(withoutCounters(r.text));
    if (!line.ok) {
      plan.problems.push(line.error);
      plan.keep++;
      continue;
    }
    const cls = f.class as AdoptionRemoval["class"];
    plan.remove.push({ line: line.value, chain: r.chain, index: r.index, class: cls, reason: f.reason });
  }
  return plan;
}

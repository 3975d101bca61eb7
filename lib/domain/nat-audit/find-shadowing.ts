/**
 * Shadowing by evaluation, not by guessing: for each rule R, the packets R
 * matches are pushed, as exact sets (packet-space.ts), from every built-in
 * chain through the rules in order, following jumps, gotos and RETURNs. Each
 * earlier rule that ends the table (SNAT, DNAT, REDIRECT, MASQUERADE, ACCEPT,
 * ...) or the chain (RETURN) removes what it matches. R is shadowed when none of its packets is left
 * by the time the traversal reaches it; the rule that removed the last ones is
 * the shadowing rule.
 *
 * Conservative by construction: a rule with options Branchdesk does not
 * interpret removes nothing and lets every packet it might match through a
 * jump (and back), so unknown options can only hide shadowing, never invent
 * it. A rule in a chain no built-in chain reaches, a rule that matches
 * nothing on its own, and a chain loop are never reported.
 */
import type { NatTable, RuleRef } from "./nat-audit-types";
import {
  boxEmpty,
  boxIntersects,
  setIntersect,
  setIntersects,
  setSubtract,
  setSubtractSet,
  type Box,
} from "./packet-space";
import { layoutOf, policyReturns, type Layout } from "./rule-action";
import { buildRuleSpace, type RuleSpace } from "./rule-space";
import { candidateIndex, type Candidates } from "./candidate-index";

export function refOf(table: NatTable, i: number): RuleRef {
  const r = table.rules[i]!;
  return { chain: r.chain, index: r.index, line: r.line, text: r.text };
}

/** Chains reachable from each built-in chain through jumps and gotos, ignoring matches. */
function reachableChains(layout: Layout, from: string): Set<string> {
  const seen = new Set<string>([from]);
  const todo = [from];
  while (todo.length > 0) {
    for (const i of layout.byChain.get(todo.pop()!) ?? []) {
      const a = layout.actions[i]!;
      if ((a.kind === "jump" || a.kind === "goto") && !seen.has(a.chain)) {
        seen.add(a.chain);
        todo.push(a.chain);
      }
    }
  }
  return seen;
}

type Walk = { target: number; found: boolean; giveUp: boolean; killer: number | null };
/** What every traversal of one table shares; `candidates` is set per target. */
type Ctx = { layout: Layout; space: RuleSpace; builtins: ReadonlySet<string>; candidates: Candidates };

function traverse(chain: string, alive: Box[], stack: string[], w: Walk, ctx: Ctx): Box[] {
  if (stack.includes(chain) || stack.length > 64) {
    w.giveUp = true; // a loop the kernel would refuse: claim nothing
    return alive;
  }
  const { layout, space } = ctx;
  const targetBox = space.boxes[w.target]!;
  // Only ever appended to; the caller reads (never changes) the list a chain returns.
  const returned: Box[] = [];
  for (const i of ctx.candidates(chain)) {
    if (w.found || w.giveUp) return [];
    if (i === w.target) {
      if (alive.length > 0) w.found = true;
      return returned;
    }
    const a = layout.actions[i]!;
    const exact = space.exact[i]!;
    // A rule that lets every packet go on (LOG, a counter), or an uninterpreted terminal one, changes nothing.
    if (a.kind === "continue" || (a.kind === "terminal" && !exact)) continue;
    const box = space.boxes[i]!;
    if (!boxIntersects(box, targetBox) || !setIntersects(alive, box)) continue;
    if (a.kind === "terminal") {
      [alive, w.killer] = [setSubtract(alive, box, space), i];
      if (alive.length === 0) return returned;
      continue;
    }
    const caught = setIntersect(alive, box);
    if (a.kind === "return") {
      for (const b of caught) returned.push(b);
      if (exact) [alive, w.killer] = [setSubtract(alive, box, space), i];
    } else if (a.kind === "jump" || a.kind === "goto") {
      stack.push(chain);
      const back = traverse(a.chain, caught, stack, w, ctx);
      stack.pop();
      if (w.found || w.giveUp) return [];
      if (a.kind === "goto") for (const b of back) returned.push(b);
      if (exact) {
        const kept = setSubtract(alive, box, space);
        alive = a.kind === "jump" ? [...kept, ...back] : kept;
        // A goto never comes back to this chain; a jump only loses what its chain ended.
        if (a.kind === "goto" ? back.length > 0 || w.killer === null : w.killer === null) {
          if (a.kind === "goto" || setSubtractSet(caught, back, space).length > 0) w.killer = i;
        }
      }
    }
    if (alive.length === 0) return returned;
  }
  const policy = layout.policy.get(chain) ?? "-";
  if (ctx.builtins.has(chain) || !policyReturns(policy)) return returned;
  for (const b of alive) returned.push(b);
  return returned;
}

/** For each rule of `table` (same order as table.rules): the rule that shadows it, or null. */
export function findShadowing(table: NatTable): (RuleRef | null)[] {
  const layout = layoutOf(table);
  const space = buildRuleSpace(table.family, table.rules);
  const index = candidateIndex(layout, space);
  const reach = new Map(layout.builtins.map((b) => [b, reachableChains(layout, b)]));
  const ctx: Ctx = { layout, space, builtins: new Set(layout.builtins), candidates: () => [] };
  return table.rules.map((rule, target) => {
    const box = space.boxes[target]!;
    if (boxEmpty(box)) return null;
    const entries = layout.builtins.filter((b) => reach.get(b)!.has(rule.chain));
    if (entries.length === 0) return null;
    const w: Walk = { target, found: false, giveUp: false, killer: null };
    ctx.candidates = index(target);
    for (const b of entries) {
      traverse(b, [box], [], w, ctx);
      if (w.found || w.giveUp) return null;
    }
    const by = w.killer ?? firstJumpInto(layout, rule.chain);
    return by === null ? null : refOf(table, by);
  });
}

/** When no rule removed R's packets, none was ever sent into R's chain: the jump is what excludes them. */
function firstJumpInto(layout: Layout, chain: string): number | null {
  const i = layout.actions.findIndex((a) => (a.kind === "jump" || a.kind === "goto") && a.chain === chain);
  return i < 0 ? null : i;
}

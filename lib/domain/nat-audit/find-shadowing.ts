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
import { setIntersect, setSubtract, setSubtractSet, boxEmpty, boxIntersects, type Box } from "./packet-space";
import { layoutOf, policyReturns, type Layout } from "./rule-action";
import { buildRuleSpace, type RuleSpace } from "./rule-space";

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

/** Rule indices of a chain worth visiting for a target: only those that can share packets with it. */
type Candidates = (chain: string) => readonly number[];

/** A single-address destination, the shape of almost every rule in a large nat table, as an index key. */
function singleDst(box: Box, dstDim: number): number | null {
  const d = box[dstDim];
  return d && d.kind === "iv" && d.v.length === 2 && d.v[0] === d.v[1] ? d.v[0]! : null;
}

function candidateIndex(layout: Layout, space: RuleSpace): (target: number) => Candidates {
  const dstDim = space.dims.findIndex((d) => d.field === (space.family === "ip" ? "dst" : "arpIpDst"));
  const byDst = new Map<string, { wide: number[]; at: Map<number, number[]> }>();
  for (const [chain, rules] of layout.byChain) {
    const wide: number[] = [];
    const at = new Map<number, number[]>();
    for (const i of rules) {
      const ip = singleDst(space.boxes[i]!, dstDim);
      if (ip === null) wide.push(i);
      else at.set(ip, [...(at.get(ip) ?? []), i]);
    }
    byDst.set(chain, { wide, at });
  }
  return (target) => {
    const ip = singleDst(space.boxes[target]!, dstDim);
    if (ip === null) return (chain) => layout.byChain.get(chain) ?? [];
    return (chain) => {
      const idx = byDst.get(chain);
      if (!idx) return [];
      const same = idx.at.get(ip) ?? [];
      return same.length === 0 ? idx.wide : [...idx.wide, ...same].sort((a, b) => a - b);
    };
  };
}

type Walk = { target: number; found: boolean; giveUp: boolean; killer: number | null };

function traverse(
  chain: string,
  alive: Box[],
  stack: string[],
  w: Walk,
  ctx: { layout: Layout; space: RuleSpace; candidates: Candidates },
): Box[] {
  if (stack.includes(chain) || stack.length > 64) {
    w.giveUp = true; // a loop the kernel would refuse: claim nothing
    return alive;
  }
  const { layout, space } = ctx;
  const targetBox = space.boxes[w.target]!;
  let returned: Box[] = [];
  for (const i of ctx.candidates(chain)) {
    if (w.found || w.giveUp) return [];
    if (i === w.target) {
      if (alive.length > 0) w.found = true;
      return returned;
    }
    const box = space.boxes[i]!;
    if (!boxIntersects(box, targetBox)) continue;
    const caught = setIntersect(alive, box);
    if (caught.length === 0) continue;
    const exact = space.exact[i]!;
    const a = layout.actions[i]!;
    if (a.kind === "terminal") {
      if (exact) [alive, w.killer] = [setSubtract(alive, box, space), i];
    } else if (a.kind === "return") {
      returned = [...returned, ...caught];
      if (exact) [alive, w.killer] = [setSubtract(alive, box, space), i];
    } else if (a.kind === "jump" || a.kind === "goto") {
      const back = traverse(a.chain, caught, [...stack, chain], w, ctx);
      if (w.found || w.giveUp) return [];
      if (a.kind === "goto") returned = [...returned, ...back];
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
  return layout.builtins.includes(chain) || !policyReturns(policy) ? returned : [...returned, ...alive];
}

/** For each rule of `table` (same order as table.rules): the rule that shadows it, or null. */
export function findShadowing(table: NatTable): (RuleRef | null)[] {
  const layout = layoutOf(table);
  const space = buildRuleSpace(table.family, table.rules);
  const index = candidateIndex(layout, space);
  const reach = new Map(layout.builtins.map((b) => [b, reachableChains(layout, b)]));
  return table.rules.map((rule, target) => {
    const box = space.boxes[target]!;
    if (boxEmpty(box)) return null;
    const entries = layout.builtins.filter((b) => reach.get(b)!.has(rule.chain));
    if (entries.length === 0) return null;
    const w: Walk = { target, found: false, giveUp: false, killer: null };
    const ctx = { layout, space, candidates: index(target) };
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

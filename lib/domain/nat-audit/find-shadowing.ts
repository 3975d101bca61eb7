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

/** Sorted lists (each in chain order) merged into one sorted list. */
function merge(lists: readonly (readonly number[])[]): readonly number[] {
  const live = lists.filter((l) => l.length > 0);
  if (live.length <= 1) return live[0] ?? [];
  const out: number[] = [];
  const at = live.map(() => 0);
  for (;;) {
    let best = -1;
    for (let k = 0; k < live.length; k++) {
      if (at[k]! < live[k]!.length && (best < 0 || live[k]![at[k]!]! < live[best]![at[best]!]!)) best = k;
    }
    if (best < 0) return out;
    out.push(live[best]![at[best]!++]!);
  }
}

type Split = { wide: number[]; at: Map<number, number[]> };

function split(rules: readonly number[], space: RuleSpace, dim: number): Split {
  const x: Split = { wide: [], at: new Map() };
  for (const i of rules) {
    const v = space.single[i]![dim]!;
    if (v === null) x.wide.push(i);
    else {
      const list = x.at.get(v);
      if (list) list.push(i);
      else x.at.set(v, [i]);
    }
  }
  return x;
}

/**
 * Per chain and dimension, the rules that allow exactly one value there, by value, and the rest
 * ("wide"). A rule pinned to another value in a dimension the target is pinned in cannot share
 * a packet with it. The target's most selective pinned dimension picks the same-value rules and
 * the wide ones; a second pinned dimension then splits those wide ones the same way (a guest's
 * rule, pinned to its address and to the LAN interface, skips every admin rule pinned to wan0).
 * In a large table of per-guest rules that is a handful of rules instead of thousands.
 */
function candidateIndex(layout: Layout, space: RuleSpace): (target: number) => Candidates {
  const first = new Map<string, Split[]>();
  for (const [chain, rules] of layout.byChain)
    first.set(
      chain,
      space.dims.map((_, d) => split(rules, space, d)),
    );
  const second = new Map<string, Split>();
  const lists = new Map<string, readonly number[]>();
  const cached = (key: string, make: () => readonly number[]) => {
    let l = lists.get(key);
    if (!l) lists.set(key, (l = make()));
    return l;
  };
  const secondOf = (chain: string, p: number, s: number): Split => {
    const key = `${chain}\0${p}\0${s}`;
    let x = second.get(key);
    if (!x) second.set(key, (x = split(first.get(chain)![p]!.wide, space, s)));
    return x;
  };
  return (target) => {
    const pins = space.dims
      .map((_, dim) => ({ dim, v: space.single[target]![dim]! }))
      .filter((p): p is { dim: number; v: number } => p.v !== null);
    return (chain) => {
      const perDim = first.get(chain);
      if (!perDim) return [];
      if (pins.length === 0) return layout.byChain.get(chain) ?? [];
      const size = (x: Split, v: number) => x.wide.length + (x.at.get(v)?.length ?? 0);
      const p = pins.reduce((a, b) => (size(perDim[b.dim]!, b.v) < size(perDim[a.dim]!, a.v) ? b : a));
      const same = perDim[p.dim]!.at.get(p.v) ?? [];
      const others = pins.filter((x) => x !== p);
      if (others.length === 0) return cached(`${chain}\0${p.dim}\0${p.v}`, () => merge([same, perDim[p.dim]!.wide]));
      const s = others.reduce((a, b) =>
        size(secondOf(chain, p.dim, b.dim), b.v) < size(secondOf(chain, p.dim, a.dim), a.v) ? b : a,
      );
      const x = secondOf(chain, p.dim, s.dim);
      return merge([same, x.at.get(s.v) ?? [], x.wide]);
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

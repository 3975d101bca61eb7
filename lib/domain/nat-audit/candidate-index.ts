/**
 * Which rules of a chain the shadowing traversal must visit for one target
 * rule: a rule pinned to another value in a dimension the target is pinned in
 * (another destination address, another out-interface) cannot share a packet
 * with it, so skipping it changes nothing (the traversal skips every rule
 * whose box misses the target's anyway; this only avoids looking at them).
 *
 * Per chain and dimension, the rules that allow exactly one value there, by
 * value, and the rest ("wide"). The target's most selective pinned dimension
 * picks the same-value rules and the wide ones; a second pinned dimension then
 * splits those wide ones the same way (a guest's rule, pinned to its address
 * and to the LAN interface, skips every admin rule pinned to wan0). In a large
 * table of per-guest rules that is a handful of rules instead of thousands.
 *
 * Every merged list is cached by (chain, dimensions, values): thousands of
 * targets share a few combinations, and the lists are read-only.
 */
import type { Layout } from "./rule-action";
import type { RuleSpace } from "./rule-space";

/** Rule indices of a chain worth visiting for a target, in chain order. */
export type Candidates = (chain: string) => readonly number[];

type Split = { wide: number[]; at: Map<number, number[]> };

const NONE: readonly number[] = [];

/** Sorted lists (each in chain order, no index in two of them) merged into one sorted list. */
export function mergeSorted(a: readonly number[], b: readonly number[], c: readonly number[] = NONE): number[] {
  const out: number[] = [];
  let [i, j, k] = [0, 0, 0];
  for (;;) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    const z = k < c.length ? c[k]! : Infinity;
    if (x === Infinity && y === Infinity && z === Infinity) return out;
    if (x <= y && x <= z) out.push(a[i++]!);
    else if (y <= z) out.push(b[j++]!);
    else out.push(c[k++]!);
  }
}

function split(rules: readonly number[], single: readonly (number | null)[][], dim: number): Split {
  const x: Split = { wide: [], at: new Map() };
  for (const i of rules) {
    const v = single[i]![dim]!;
    if (v === null) x.wide.push(i);
    else {
      const list = x.at.get(v);
      if (list) list.push(i);
      else x.at.set(v, [i]);
    }
  }
  return x;
}

function size(x: Split, v: number): number {
  return x.wide.length + (x.at.get(v)?.length ?? 0);
}

/** Merged lists by (dimensions, first value, second value): numeric keys, no string built per lookup. */
type ListCache = Map<number, Map<number, Map<number, number[]>>>;

/** Per chain: its rules split by each dimension, and (lazily) the wide ones of one dimension split by another. */
type ChainIndex = {
  all: readonly number[];
  first: Split[];
  second: (Split | undefined)[];
  lists: ListCache;
};

export function candidateIndex(layout: Layout, space: RuleSpace): (target: number) => Candidates {
  const dims = space.dims.length;
  const chains = new Map<string, ChainIndex>();
  for (const [chain, rules] of layout.byChain) {
    const first = space.dims.map((_, d) => split(rules, space.single, d));
    chains.set(chain, { all: rules, first, second: new Array<Split | undefined>(dims * dims), lists: new Map() });
  }
  const secondOf = (c: ChainIndex, p: number, s: number): Split =>
    (c.second[p * dims + s] ??= split(c.first[p]!.wide, space.single, s));
  return (target) => {
    const pinned: number[] = [];
    const values: number[] = [];
    const single = space.single[target]!;
    for (let d = 0; d < dims; d++) {
      if (single[d] !== null) [pinned[pinned.length], values[values.length]] = [d, single[d]!];
    }
    return (chain) => {
      const c = chains.get(chain);
      if (!c) return NONE;
      if (pinned.length === 0) return c.all;
      // The most selective pinned dimension (the first of equals, as the pins are in dimension order).
      let p = 0;
      for (let k = 1; k < pinned.length; k++) {
        if (size(c.first[pinned[k]!]!, values[k]!) < size(c.first[pinned[p]!]!, values[p]!)) p = k;
      }
      const [pd, pv] = [pinned[p]!, values[p]!];
      if (pinned.length === 1)
        return cached(c.lists, pd * (dims + 1) + dims, pv, 0, () =>
          mergeSorted(c.first[pd]!.at.get(pv) ?? NONE, c.first[pd]!.wide),
        );
      let s = -1;
      for (let k = 0; k < pinned.length; k++) {
        if (k === p) continue;
        if (s < 0 || size(secondOf(c, pd, pinned[k]!), values[k]!) < size(secondOf(c, pd, pinned[s]!), values[s]!))
          s = k;
      }
      const [sd, sv] = [pinned[s]!, values[s]!];
      return cached(c.lists, pd * (dims + 1) + sd, pv, sv, () => {
        const x = secondOf(c, pd, sd);
        return mergeSorted(c.first[pd]!.at.get(pv) ?? NONE, x.at.get(sv) ?? NONE, x.wide);
      });
    };
  };
}

function cached(lists: ListCache, dims: number, v: number, w: number, make: () => number[]): readonly number[] {
  let byV = lists.get(dims);
  if (!byV) lists.set(dims, (byV = new Map()));
  let byW = byV.get(v);
  if (!byW) byV.set(v, (byW = new Map()));
  let l = byW.get(w);
  if (!l) byW.set(w, (l = make()));
  return l;
}

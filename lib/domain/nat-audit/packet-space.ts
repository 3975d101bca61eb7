/**
 * Sets of packets, exactly: a Box is a product of one set per dimension
 * (addresses and ports as interval lists, interfaces/protocols/MACs as sets
 * of atoms), a rule's match is one Box, and "the packets still alive at this
 * rule" is a list of disjoint Boxes. Atoms are the values a table mentions
 * plus stand-ins for "any other name" (one per iptables `+` wildcard prefix,
 * one for the rest), so every interface the kernel could report behaves like
 * exactly one atom: the sets are exact, not sampled.
 */

/** Sorted, disjoint, inclusive [lo, hi] pairs, flat: [lo0, hi0, lo1, hi1, ...]. */
export type Intervals = { kind: "iv"; v: number[] };
/** neg=false: exactly `items`; neg=true: every atom of the dimension's universe except `items`. */
export type Atoms = { kind: "at"; neg: boolean; items: ReadonlySet<number>; size: number };
export type DimSet = Intervals | Atoms;
/** One entry per dimension; null means unconstrained. */
export type Box = (DimSet | null)[];

export function intervals(pairs: number[]): Intervals {
  return { kind: "iv", v: pairs };
}

/** [lo, hi] or, negated, its complement inside [0, max]. */
export function range(lo: number, hi: number, negated: boolean, max: number): Intervals {
  if (!negated) return intervals([lo, hi]);
  const v: number[] = [];
  if (lo > 0) v.push(0, lo - 1);
  if (hi < max) v.push(hi + 1, max);
  return intervals(v);
}

/**
 * Index (even) of the first interval of `a` whose upper end is >= x. Intervals before it end
 * before x, so they overlap nothing that starts at x or later: the operations below skip them by
 * binary search. A destination set with thousands of holes (every guest's rule subtracted) would
 * otherwise be walked from its start for each rule.
 */
function firstEndingFrom(a: number[], x: number): number {
  let [lo, hi] = [0, a.length >> 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[2 * mid + 1]! < x) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}

/** Index (even) of the first interval of `a` whose lower end is > x (a.length when none is). */
function firstStartingAfter(a: number[], x: number): number {
  let [lo, hi] = [0, a.length >> 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[2 * mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}

function ivIntersect(a: number[], b: number[]): number[] {
  const out: number[] = [];
  if (a.length === 0 || b.length === 0) return out;
  let i = firstEndingFrom(a, b[0]!);
  let j = firstEndingFrom(b, a[0]!);
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

function ivIntersects(a: number[], b: number[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  let i = firstEndingFrom(a, b[0]!);
  let j = firstEndingFrom(b, a[0]!);
  while (i < a.length && j < b.length) {
    if (Math.max(a[i]!, b[j]!) <= Math.min(a[i + 1]!, b[j + 1]!)) return true;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return false;
}

function ivSubtract(a: number[], b: number[]): number[] {
  if (a.length === 0 || b.length === 0) return a.slice();
  // Intervals of `a` wholly before b's first or after b's last are kept as they are, copied natively.
  const from = firstEndingFrom(a, b[0]!);
  const to = firstStartingAfter(a, b[b.length - 1]!);
  const out = a.slice(0, from);
  let j = 0;
  for (let i = from; i < to; i += 2) {
    let lo = a[i]!;
    const hi = a[i + 1]!;
    while (j < b.length && b[j + 1]! < lo) j += 2;
    let k = j;
    while (k < b.length && b[k]! <= hi && lo <= hi) {
      if (b[k]! > lo) out.push(lo, b[k]! - 1);
      lo = b[k + 1]! + 1;
      k += 2;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return to < a.length ? out.concat(a.slice(to)) : out;
}

export function atoms(items: Iterable<number>, neg: boolean, size: number): Atoms {
  return { kind: "at", neg, items: new Set(items), size };
}

function atIntersect(a: Atoms, b: Atoms): Atoms {
  if (a === b) return a;
  // The common case: one interface or protocol against a set that allows it.
  if (!a.neg && a.items.size === 1)
    return b.neg !== b.items.has(a.items.values().next().value!) ? a : atoms([], false, a.size);
  if (!b.neg && b.items.size === 1) return atIntersect(b, a);
  if (!a.neg && !b.neg)
    return atoms(
      [...a.items].filter((x) => b.items.has(x)),
      false,
      a.size,
    );
  if (!a.neg)
    return atoms(
      [...a.items].filter((x) => !b.items.has(x)),
      false,
      a.size,
    );
  if (!b.neg) return atIntersect(b, a);
  return atoms([...a.items, ...b.items], true, a.size);
}

function atIntersects(a: Atoms, b: Atoms): boolean {
  if (!a.neg && !b.neg) {
    for (const x of a.items) if (b.items.has(x)) return true;
    return false;
  }
  if (!a.neg) {
    for (const x of a.items) if (!b.items.has(x)) return true;
    return false;
  }
  if (!b.neg) return atIntersects(b, a);
  let union = a.items.size;
  for (const x of b.items) if (!a.items.has(x)) union++;
  return union < a.size;
}

function complement(a: Atoms): Atoms {
  return { ...a, neg: !a.neg };
}

/** a minus b; the common cases (one atom, or the same set) without building b's complement. */
function atSubtract(a: Atoms, b: Atoms): Atoms {
  if (a === b) return atoms([], false, a.size);
  if (!a.neg && a.items.size === 1) {
    const x = a.items.values().next().value!;
    return b.neg !== b.items.has(x) ? atoms([], false, a.size) : a;
  }
  return atIntersect(a, complement(b));
}

export function dimEmpty(d: DimSet): boolean {
  return d.kind === "iv" ? d.v.length === 0 : d.neg ? d.items.size >= d.size : d.items.size === 0;
}

function dimIntersects(a: DimSet, b: DimSet): boolean {
  return a.kind === "iv" ? ivIntersects(a.v, (b as Intervals).v) : atIntersects(a, b as Atoms);
}

function dimIntersect(a: DimSet, b: DimSet): DimSet {
  if (a === b) return a;
  return a.kind === "iv" ? intervals(ivIntersect(a.v, (b as Intervals).v)) : atIntersect(a, b as Atoms);
}

function dimSubtract(a: DimSet, b: DimSet): DimSet {
  return a.kind === "iv" ? intervals(ivSubtract(a.v, (b as Intervals).v)) : atSubtract(a, b as Atoms);
}

/**
 * `full` gives each dimension's whole set, used when one side is unconstrained. `order` is the
 * order boxSubtract splits dimensions in: the dimension that differs from rule to rule (the
 * destination address of per-guest rules) goes last, so subtracting thousands of such rules
 * keeps cutting one box instead of leaving a sliver per rule in every other dimension.
 */
export type Space = { full: DimSet[]; order: readonly number[] };

export function boxEmpty(a: Box): boolean {
  for (const d of a) if (d !== null && dimEmpty(d)) return true;
  return false;
}

export function boxIntersects(a: Box, b: Box): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x && y && !dimIntersects(x, y)) return false;
  }
  return true;
}

export function boxIntersect(a: Box, b: Box): Box {
  const out: Box = new Array<DimSet | null>(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    out[i] = x && y ? dimIntersect(x, y) : (x ?? y);
  }
  return out;
}

/** a minus b as disjoint boxes (at most one per dimension b constrains), appended to `out`. */
function boxSubtract(out: Box[], a: Box, b: Box, space: Space): void {
  if (!boxIntersects(a, b)) {
    out.push(a);
    return;
  }
  const cur = [...a];
  for (const i of space.order) {
    const y = b[i];
    if (!y) continue;
    const x = cur[i] ?? space.full[i]!;
    const rest = dimSubtract(x, y);
    if (!dimEmpty(rest)) {
      const piece = [...cur];
      piece[i] = rest;
      out.push(piece);
    }
    cur[i] = dimIntersect(x, y);
  }
}

export function setIntersect(set: readonly Box[], b: Box): Box[] {
  const out: Box[] = [];
  // boxIntersects holds only when every dimension overlaps, so no intersection below is empty.
  for (const a of set) if (boxIntersects(a, b)) out.push(boxIntersect(a, b));
  return out;
}

export function setSubtract(set: readonly Box[], b: Box, space: Space): Box[] {
  const out: Box[] = [];
  for (const a of set) boxSubtract(out, a, b, space);
  return out.length > 4 ? coalesce(out) : out;
}

function ivUnion(a: number[], b: number[]): number[] {
  const all: number[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    const fromA = j >= b.length || (i < a.length && a[i]! <= b[j]!);
    const src = fromA ? a : b;
    const k = fromA ? i : j;
    all.push(src[k]!, src[k + 1]!);
    if (fromA) i += 2;
    else j += 2;
  }
  const out: number[] = [];
  for (let i = 0; i < all.length; i += 2) {
    const n = out.length;
    if (n > 0 && all[i]! <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, all[i + 1]!);
    else out.push(all[i]!, all[i + 1]!);
  }
  return out;
}

function dimUnion(a: DimSet | null, b: DimSet | null): DimSet | null {
  if (!a || !b) return null;
  if (a.kind === "iv") return intervals(ivUnion(a.v, (b as Intervals).v));
  const y = b as Atoms;
  if (!a.neg && !y.neg) return atoms([...a.items, ...y.items], false, a.size);
  if (a.neg && y.neg)
    return atoms(
      [...a.items].filter((x) => y.items.has(x)),
      true,
      a.size,
    );
  const [f, c] = a.neg ? [y, a] : [a, y];
  return atoms(
    [...c.items].filter((x) => !f.items.has(x)),
    true,
    a.size,
  );
}

function dimEqual(a: DimSet | null, b: DimSet | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind === "iv") {
    const y = (b as Intervals).v;
    return a.v.length === y.length && a.v.every((x, i) => x === y[i]);
  }
  const y = b as Atoms;
  return a.neg === y.neg && a.items.size === y.items.size && [...a.items].every((x) => y.items.has(x));
}

/** The one dimension two boxes differ in, -1 when they differ in none or several. */
function onlyDifference(a: Box, b: Box): number {
  let at = -1;
  for (let d = 0; d < a.length; d++) {
    if (dimEqual(a[d] ?? null, b[d] ?? null)) continue;
    if (at >= 0) return -1;
    at = d;
  }
  return at;
}

/**
 * Merges disjoint boxes that agree in every dimension but one (their union is then one box).
 * Without it, subtracting thousands of per-guest rules from a wide set splits it into thousands
 * of slivers (dst = each guest, outIf != lan, ...) that later rules must all visit. Pieces of one
 * subtraction share their unchanged dimensions by reference, so most comparisons are `===`.
 */
function coalesce(boxes: Box[]): Box[] {
  const cur = [...boxes];
  for (let i = 0; i < cur.length; i++) {
    for (let j = i + 1; j < cur.length; j++) {
      const d = onlyDifference(cur[i]!, cur[j]!);
      if (d < 0) continue;
      const merged = [...cur[i]!];
      merged[d] = dimUnion(merged[d] ?? null, cur[j]![d] ?? null);
      cur[i] = merged;
      cur.splice(j, 1);
      j = i; // compare the merged box with every other again
    }
  }
  return cur;
}

export function setSubtractSet(set: readonly Box[], minus: readonly Box[], space: Space): Box[] {
  let cur = [...set];
  for (const b of minus) cur = setSubtract(cur, b, space);
  return cur;
}

export function setIntersects(set: readonly Box[], b: Box): boolean {
  for (const a of set) if (boxIntersects(a, b)) return true;
  return false;
}

/**
 * Interval sets (addresses, ports) skip by binary search to where two lists
 * can overlap: on random lists, intersection, subtraction and "intersects"
 * must still agree with the same operations on the sets of their members.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { intervals, setIntersect, setIntersects, setSubtract, type Box, type Intervals } from "./packet-space";

/** Sorted distinct points paired up: disjoint inclusive intervals inside [0, 60]. */
const list = fc
  .uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 12 })
  .map((pts) => pts.sort((a, b) => a - b).slice(0, pts.length & ~1));

function members(boxes: readonly Box[]): number[] {
  const out = new Set<number>();
  for (const b of boxes) {
    const v = (b[0] as Intervals).v;
    for (let i = 0; i < v.length; i += 2) for (let x = v[i]!; x <= v[i + 1]!; x++) out.add(x);
  }
  return [...out].sort((a, b) => a - b);
}

describe("interval sets", () => {
  it("intersect, subtract and intersects agree with the sets of their members", () => {
    const space = { full: [intervals([0, 60])], order: [0] };
    fc.assert(
      fc.property(list, list, (a, b) => {
        const A: Box = [intervals(a)];
        const B: Box = [intervals(b)];
        const [inA, inB] = [members([A]), members([B])];
        expect(members(setIntersect([A], B))).toEqual(inA.filter((x) => inB.includes(x)));
        expect(members(setSubtract([A], B, space))).toEqual(inA.filter((x) => !inB.includes(x)));
        expect(setIntersects([A], B)).toBe(inA.some((x) => inB.includes(x)));
      }),
      { numRuns: 2000 },
    );
  });
});

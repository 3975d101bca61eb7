/**
 * The candidate index may only skip rules that cannot share a packet with the
 * target: on random tables it must give, for every target and chain, the
 * chain's rules in order, keeping every rule a naive scan finds overlapping
 * the target (and the target itself), dropping only rules pinned to another
 * value in a dimension the target is pinned in. Cached lists must not depend
 * on which target asked first.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { candidateIndex, mergeSorted } from "./candidate-index";
import { boxIntersects } from "./packet-space";
import { layoutOf } from "./rule-action";
import { buildRuleSpace } from "./rule-space";
import { parseNatTable } from "./parse-nat-table";

const ADDRS = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.0/30", "198.51.100.0/24"];
const IFS = ["eth0", "eth1", "wan0", "eth+"];
const TARGETS = ["MASQUERADE", "RETURN", "ACCEPT", "LOG", "-j U1", "SNAT --to-source 203.0.113.1"];

const part = <T>(a: fc.Arbitrary<T>) => fc.option(fc.tuple(fc.boolean(), a), { nil: undefined });
const line = fc.record({
  chain: fc.constantFrom("POSTROUTING", "U1"),
  src: part(fc.constantFrom(...ADDRS)),
  dst: part(fc.constantFrom(...ADDRS)),
  out: part(fc.constantFrom(...IFS)),
  proto: fc.option(fc.constantFrom("tcp", "udp"), { nil: undefined }),
  dport: fc.option(fc.constantFrom("22", "80", "1000:2000"), { nil: undefined }),
  target: fc.constantFrom(...TARGETS),
});

type Line = typeof line extends fc.Arbitrary<infer T> ? T : never;

function render(lines: Line[]): string {
  const out = ["*nat", ":POSTROUTING ACCEPT [0:0]", ":U1 - [0:0]"];
  for (const l of lines) {
    const w = ["-A", l.chain];
    const put = (flag: string, x: [boolean, string] | undefined) => x && w.push(...(x[0] ? ["!"] : []), flag, x[1]);
    put("-s", l.src);
    put("-d", l.dst);
    put("-o", l.out);
    if (l.proto || l.dport) w.push("-p", l.proto ?? "tcp");
    if (l.dport) w.push("--dport", l.dport);
    const target = l.chain === "U1" && l.target === "-j U1" ? "RETURN" : l.target;
    w.push(...(target.startsWith("-j") ? target.split(" ") : ["-j", ...target.split(" ")]));
    out.push(w.join(" "));
  }
  return [...out, "COMMIT", ""].join("\n");
}

describe("candidateIndex", () => {
  it("merges sorted lists in order", () => {
    expect(mergeSorted([1, 5, 9], [2, 3], [0, 10])).toEqual([0, 1, 2, 3, 5, 9, 10]);
    expect(mergeSorted([], [4])).toEqual([4]);
  });

  it("keeps every rule a naive scan finds overlapping the target, in chain order, whoever asked first", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const table = unwrap(parseNatTable(render(lines)));
        const layout = layoutOf(table);
        const space = buildRuleSpace("ip", table.rules);
        const [index, reversed] = [candidateIndex(layout, space), candidateIndex(layout, space)];
        const chains = [...layout.byChain.keys()];
        const asked = table.rules.map((_, t) => chains.map((c) => [...index(t)(c)]));
        for (let t = table.rules.length - 1; t >= 0; t--) {
          expect(chains.map((c) => [...reversed(t)(c)])).toEqual(asked[t]);
        }
        for (const t of table.rules.keys()) {
          const candidates = index(t);
          for (const [chain, rules] of layout.byChain) {
            const got = candidates(chain);
            expect([...got].sort((a, b) => a - b)).toEqual(got);
            expect(got.every((i) => rules.includes(i))).toBe(true);
            const overlapping = rules.filter((i) => i === t || boxIntersects(space.boxes[i]!, space.boxes[t]!));
            expect(overlapping.filter((i) => !got.includes(i))).toEqual([]);
            // Left out only when pinned to another value where the target is pinned.
            const conflict = (i: number) =>
              space.single[t]!.some((v, d) => v !== null && space.single[i]![d] !== null && space.single[i]![d] !== v);
            expect(rules.filter((i) => !got.includes(i) && !conflict(i))).toEqual([]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocateMac, isKvmMac, KVM_RANGE, type MacRange } from "./allocate-mac";
import { bigIntToMac, macToBigInt, parseMac, type Mac } from "../values/mac";

const mac = (s: string) => s as Mac;
const TOP = mac("52:54:00:ff:ff:ff");

describe("allocateMac", () => {
  it.each([
    ["a new fleet starts at 52:54:00:00:00:01", {}, "52:54:00:00:00:01"],
    ["the answer is the next MAC above the last one issued", { last: mac("52:54:00:00:00:ff") }, "52:54:00:00:01:00"],
    [
      "a MAC used before (deleted guest, typed) below the last issued is not re-issued",
      { last: mac("52:54:00:00:00:05"), used: [mac("52:54:00:00:00:01")] },
      "52:54:00:00:00:06",
    ],
    [
      "MACs ever used above the last issued are skipped",
      { last: mac("52:54:00:00:00:05"), used: [mac("52:54:00:00:00:06"), mac("52:54:00:00:00:07")] },
      "52:54:00:00:00:08",
    ],
    [
      "a typed 52:54:00:ff:ff:ff changes nothing for the MACs below it",
      { last: mac("52:54:00:00:00:05"), used: [TOP] },
      "52:54:00:00:00:06",
    ],
    [
      "MACs outside 52:54:00 in `used` change nothing",
      { used: [mac("00:16:3e:00:00:01"), mac("52:54:01:00:00:01")] },
      "52:54:00:00:00:01",
    ],
    [
      "at the top, it wraps around to the lowest MAC never used",
      { last: TOP, used: [mac("52:54:00:00:00:01"), mac("52:54:00:00:00:02"), mac("52:54:00:00:00:04")] },
      "52:54:00:00:00:03",
    ],
    ["the top itself is issued when it was never used", { last: mac("52:54:00:ff:ff:fe") }, "52:54:00:ff:ff:ff"],
  ])("%s", (_name, input, want) => {
    expect(allocateMac(input)).toEqual({ ok: true, value: want });
  });

  it("fails only when every MAC of the range has been used, saying so", () => {
    const range: MacRange = { first: mac("52:54:00:00:00:01"), last: mac("52:54:00:00:00:04") };
    const used = ["01", "02", "03", "04"].map((n) => mac(`52:54:00:00:00:${n}`));
    expect(allocateMac({ range, last: mac("52:54:00:00:00:02"), used: used.slice(0, 3) })).toEqual({
      ok: true,
      value: "52:54:00:00:00:04",
    });
    expect(allocateMac({ range, last: mac("52:54:00:00:00:02"), used })).toEqual({
      ok: false,
      error: "every MAC of 52:54:00:00:00:01-52:54:00:00:00:04 (4) has been used; none is left to issue",
    });
  });

  it.each(["00:16:3e:00:00:01", "52:54:01:00:00:00", "52:54:00:00:00:00"])(
    "a last-issued MAC %s outside the range is refused",
    (m) => {
      const r = allocateMac({ last: mac(m) });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^last issued MAC .* is not in 52:54:00:00:00:01-52:54:00:ff:ff:ff/);
    },
  );
});

/** Any MAC of 52:54:00 (the top included, where the incident's typed MAC was), and some outside it. */
const anyTypedMac = fc.oneof(
  fc.bigInt({ min: macToBigInt(KVM_RANGE.first), max: macToBigInt(KVM_RANGE.last) }).map(bigIntToMac),
  fc.constantFrom(TOP, mac("52:54:00:ff:ff:fe"), mac("52:54:00:00:00:01"), mac("00:16:3e:12:34:56")),
);

describe("allocateMac properties", () => {
  it(
    "no set of typed MACs, however high, makes allocation fail while a MAC is left: " +
      "the answer is the next never-used one above the last issued",
    () => {
      fc.assert(
        fc.property(
          fc.array(anyTypedMac, { maxLength: 30 }),
          fc.option(anyTypedMac.filter(isKvmMac), { nil: null }),
          (typed, last) => {
            const r = allocateMac({ last, used: typed });
            if (!r.ok) throw new Error(r.error);
            expect(parseMac(r.value)).toEqual({ ok: true, value: r.value });
            expect(isKvmMac(r.value)).toBe(true);
            expect(typed).not.toContain(r.value);
            const start = last ? macToBigInt(last) + 1n : macToBigInt(KVM_RANGE.first);
            const answer = macToBigInt(r.value);
            const used = new Set(typed.map(macToBigInt));
            // Between where the search starts and the answer (wrapping at the top), every MAC was used.
            const top = macToBigInt(KVM_RANGE.last);
            for (let n = start; n !== answer; n = n >= top ? macToBigInt(KVM_RANGE.first) : n + 1n) {
              if (n <= top) expect(used.has(n)).toBe(true);
            }
          },
        ),
      );
    },
  );

  // A small range so wrap-around and exhaustion happen within a run.
  const range: MacRange = { first: mac("52:54:00:00:00:01"), last: mac("52:54:00:00:00:10") };
  const size = 16;
  const inRange = fc.integer({ min: 1, max: size }).map((n) => bigIntToMac(macToBigInt(range.first) + BigInt(n - 1)));
  const step = fc.oneof(
    fc.record({ kind: fc.constant("type" as const), mac: inRange }),
    fc.record({ kind: fc.constant("allocate" as const) }),
    fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  );

  it(
    "over any history of typed MACs, allocations and deletions, a MAC is never issued twice " +
      "and allocation fails only when all were used",
    () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
          const everUsed = new Set<Mac>();
          let live: Mac[] = [];
          let last: Mac | null = null;
          for (const s of steps) {
            if (s.kind === "type") {
              everUsed.add(s.mac);
              live.push(s.mac);
            } else if (s.kind === "delete") {
              if (live.length) live = live.filter((_, i) => i !== s.pick % live.length);
            } else {
              const r = allocateMac({ range, last, used: everUsed });
              expect(r.ok).toBe(everUsed.size < size);
              if (!r.ok) continue;
              expect(everUsed.has(r.value)).toBe(false);
              everUsed.add(r.value);
              live.push(r.value);
              last = r.value;
            }
          }
        }),
      );
    },
  );
});

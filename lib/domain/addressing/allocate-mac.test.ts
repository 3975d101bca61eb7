import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocateMac, isKvmMac } from "./allocate-mac";
import { bigIntToMac, parseMac, type Mac } from "../values/mac";

const mac = (s: string) => s as Mac;

describe("allocateMac", () => {
  it.each([
    ["a new fleet starts at 52:54:00:00:00:01", {}, "52:54:00:00:00:01"],
    ["the answer is strictly above the high-water mark", { highWater: mac("52:54:00:00:00:ff") }, "52:54:00:00:01:00"],
    [
      "a freed MAC below the mark is never re-issued",
      { highWater: mac("52:54:00:00:00:05"), taken: [mac("52:54:00:00:00:01")] },
      "52:54:00:00:00:06",
    ],
    [
      "operator-typed MACs above the mark are skipped",
      { highWater: mac("52:54:00:00:00:05"), taken: [mac("52:54:00:00:00:06"), mac("52:54:00:00:00:07")] },
      "52:54:00:00:00:08",
    ],
    [
      "without a counter, every MAC ever issued (tombstones included) is skipped",
      { taken: [mac("52:54:00:00:00:01"), mac("52:54:00:00:00:02"), mac("00:16:3e:00:00:01")] },
      "52:54:00:00:00:03",
    ],
  ])("%s", (_name, input, want) => {
    expect(allocateMac(input)).toEqual({ ok: true, value: want });
  });

  it("the range's last MAC is issued, then exhaustion is an error", () => {
    expect(allocateMac({ highWater: mac("52:54:00:ff:ff:fe") })).toEqual({ ok: true, value: "52:54:00:ff:ff:ff" });
    const r = allocateMac({ highWater: mac("52:54:00:ff:ff:ff") });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^highWater: .*exhausted/);
  });

  it.each(["00:16:3e:00:00:01", "52:54:01:00:00:00"])("a high-water mark %s outside 52:54:00 is refused", (m) => {
    const r = allocateMac({ highWater: mac(m) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^highWater: /);
  });

  it("issued MACs are valid unicast 52:54:00 MACs, never repeated across a sequence of allocations", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.bigInt({ min: 0x525400000001n, max: 0x5254000000ffn }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        (pre, count, useCounter) => {
          const taken = pre.map(bigIntToMac);
          const issued: Mac[] = [];
          let highWater: Mac | null = null;
          for (let i = 0; i < count; i++) {
            const r = allocateMac(useCounter ? { highWater, taken } : { taken: [...taken, ...issued] });
            if (!r.ok) throw new Error(r.error);
            expect(parseMac(r.value)).toEqual({ ok: true, value: r.value });
            expect(isKvmMac(r.value)).toBe(true);
            expect(taken).not.toContain(r.value);
            expect(issued).not.toContain(r.value);
            issued.push(r.value);
            highWater = r.value;
          }
        },
      ),
    );
  });
});

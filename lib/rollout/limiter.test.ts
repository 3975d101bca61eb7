import { describe, expect, it } from "vitest";
import { createLimiter } from "./limiter";

describe("createLimiter", () => {
  it.each([1, 3, 8])("never runs more than %i tasks at once, and runs them all", async (n) => {
    const run = createLimiter(n);
    let active = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, i % 3));
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(n);
    expect(done).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("a failing task frees its slot", async () => {
    const run = createLimiter(1);
    await expect(run(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    await expect(run(async () => 7)).resolves.toBe(7);
  });

  it("refuses a non-positive concurrency", () => {
    expect(() => createLimiter(0)).toThrow(/positive integer/);
  });
});

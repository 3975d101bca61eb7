import { describe, expect, it } from "vitest";
import { createLimiter } from "./create-limiter";

const tick = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 5));

describe("createLimiter", () => {
  it.each([1, 2, 5])("never runs more than %i tasks at once, and runs them all", async (n) => {
    const limiter = createLimiter(n);
    let running = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        limiter.run(async () => {
          peak = Math.max(peak, ++running);
          expect(limiter.active).toBeLessThanOrEqual(n);
          await tick();
          running--;
          return i;
        }),
      ),
    );
    expect(done).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(peak).toBe(n);
    expect(limiter.active).toBe(0);
    expect(limiter.waiting).toBe(0);
  });

  it("releases the slot when a task throws", async () => {
    const limiter = createLimiter(1);
    await expect(
      limiter.run(async () => {
        throw new Error("box said no");
      }),
    ).rejects.toThrow("box said no");
    expect(await limiter.run(async () => "next")).toBe("next");
    expect(limiter.active).toBe(0);
  });

  it("starts waiters in arrival order", async () => {
    const limiter = createLimiter(1);
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        limiter.run(async () => {
          await tick();
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects a limit of %s", (n) => {
    expect(() => createLimiter(n)).toThrow(/whole number >= 1/);
  });
});

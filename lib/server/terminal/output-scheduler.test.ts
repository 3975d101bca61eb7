import { describe, expect, it } from "vitest";
import { OutputScheduler, type OutputSource } from "./output-scheduler";

/** A scheduler whose turns run when the test says, and sources that each have `bytes` to move. */
function setup(turnBytes: number, quantumBytes: number) {
  const turns: Array<() => void> = [];
  const scheduler = new OutputScheduler({
    turnBytes,
    quantumBytes,
    loopShare: 1,
    maxPauseMs: 100,
    loopTime: () => ({ active: 0, idle: 0 }),
    defer: (t) => turns.push(t),
  });
  const moved: Array<[string, number]> = [];
  const source = (name: string, bytes: number) => {
    let left = bytes;
    const s: OutputSource & { left(): number } = {
      pump(max) {
        const n = Math.min(max, left);
        left -= n;
        moved.push([name, n]);
        if (left > 0) scheduler.wake(s);
        return n;
      },
      left: () => left,
    };
    return s;
  };
  const runTurn = () => {
    const t = turns.shift();
    moved.length = 0;
    t?.();
    return [...moved];
  };
  return { scheduler, source, runTurn, pendingTurns: () => turns.length };
}

describe("OutputScheduler: bounded, fair turns", () => {
  it("a turn moves at most turnBytes in all and quantumBytes per source, round-robin", () => {
    const { scheduler, source, runTurn } = setup(100, 40);
    const [a, b, c, d] = ["a", "b", "c", "d"].map((n) => source(n, 1_000));
    for (const s of [a, b, c, d]) scheduler.wake(s!);
    expect(runTurn()).toEqual([
      ["a", 40],
      ["b", 40],
      ["c", 20],
    ]);
    // The next turn starts with whoever did not get a share, and the served ones queue behind.
    expect(runTurn()).toEqual([
      ["d", 40],
      ["a", 40],
      ["b", 20],
    ]);
    expect(runTurn().map(([n]) => n)).toEqual(["c", "d", "a"]);
  });

  it("every source finishes, and each turn is bounded, however many flood at once", () => {
    const { scheduler, source, runTurn, pendingTurns } = setup(256, 64);
    const sources = Array.from({ length: 50 }, (_, i) => source(`s${i}`, 1_000 + i * 37));
    for (const s of sources) scheduler.wake(s);
    while (pendingTurns() > 0) {
      const moved = runTurn();
      const bytes = moved.reduce((sum, [, n]) => sum + n, 0);
      expect(bytes).toBeGreaterThan(0); // no empty turns while output waits
      expect(bytes).toBeLessThanOrEqual(256);
      expect(Math.max(...moved.map(([, n]) => n))).toBeLessThanOrEqual(64);
    }
    expect(sources.every((s) => s.left() === 0)).toBe(true);
  });

  it("a source put to sleep is not served until woken again; waking twice queues it once", () => {
    const { scheduler, source, runTurn } = setup(100, 10);
    const a = source("a", 100);
    const b = source("b", 100);
    scheduler.wake(a);
    scheduler.wake(a);
    scheduler.wake(b);
    scheduler.sleep(b);
    expect(runTurn()).toEqual([["a", 10]]);
    expect(scheduler.has(b)).toBe(false);
    scheduler.wake(b);
    expect(runTurn()).toEqual([
      ["a", 10],
      ["b", 10],
    ]);
  });
});

describe("OutputScheduler: paced to a share of the event loop", () => {
  it("waits as long as the loop was busy beyond its share, counting idle time as paid back, up to a cap", () => {
    const clock = { active: 0, idle: 0 };
    const delays: number[] = [];
    const turns: Array<() => void> = [];
    const scheduler = new OutputScheduler({
      turnBytes: 10,
      quantumBytes: 10,
      loopShare: 0.5,
      maxPauseMs: 100,
      loopTime: () => ({ ...clock }),
      defer: (t, ms) => (turns.push(t), delays.push(ms)),
    });
    let busyPerTurn = 8; // ms of loop time each turn takes (its own work, and the SSH traffic it lets in)
    const flood: OutputSource = {
      pump: () => {
        clock.active += busyPerTurn;
        scheduler.wake(flood);
        return 10;
      },
    };
    const run = () => {
      const t = turns.shift()!;
      clock.idle += delays.at(-1)!; // the wait itself: the loop idles
      t();
    };
    scheduler.wake(flood);
    expect(delays).toEqual([0]); // the first turn comes at once
    for (let i = 0; i < 4; i++) run();
    // 8 ms busy at a share of 1/2 owes 8 ms idle; waiting pays it, the next turn owes it again.
    expect(delays).toEqual([0, 8, 8, 8, 8]);
    busyPerTurn = 500;
    run();
    expect(delays.at(-1)).toBe(100); // a turn never waits longer than the cap
    scheduler.sleep(flood);
    busyPerTurn = 0;
    expect(turns).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import type { AsciicastEvent } from "./asciicast-reader";
import { ReplayTimeline, type ReplayOp } from "./replay-timeline";

const SIZE = { cols: 80, rows: 24 };
const EVENTS: AsciicastEvent[] = [
  [0.5, "o", "a"],
  [1.0, "i", "typed"],
  [1.5, "o", "b"],
  [2.0, "r", "100x30"],
  [2.5, "o", "c"],
  [3.0, "m", "marker"],
  [4.0, "o", "d"],
];

const written = (ops: ReplayOp[]) => ops.map((o) => (o.kind === "write" ? o.data : `[${o.cols}x${o.rows}]`)).join("");

describe("replay timeline: the screen at time t is everything written up to t", () => {
  it("plays forward step by step without resetting, writing only output (never input)", () => {
    const tl = new ReplayTimeline(EVENTS, SIZE);
    expect(tl.duration).toBe(4);
    expect(written(tl.advance(1, 1).ops)).toBe("a");
    const step = tl.advance(0.5, 2);
    expect(step.reset).toBe(false);
    expect(written(step.ops)).toBe("b[100x30]");
    expect(written(tl.advance(10, 4).ops)).toBe("cd");
    expect(tl.finished).toBe(true);
    expect(tl.time).toBe(4);
  });

  it("seeking back resets to the recorded size and rewrites everything up to t", () => {
    const tl = new ReplayTimeline(EVENTS, SIZE);
    tl.seek(4);
    const back = tl.seek(2.6);
    expect(back.reset).toBe(true);
    expect(written(back.ops)).toBe("[80x24]ab[100x30]c");
  });

  it("seeking forward writes only what lies between", () => {
    const tl = new ReplayTimeline(EVENTS, SIZE);
    tl.seek(0.6);
    const fwd = tl.seek(2.6);
    expect(fwd.reset).toBe(false);
    expect(written(fwd.ops)).toBe("b[100x30]c");
  });

  it("the same t gives the same screen whichever way it was reached", () => {
    for (const t of [0.5, 1.7, 2.5, 3.9]) {
      const fresh = new ReplayTimeline(EVENTS, SIZE);
      const viaEnd = new ReplayTimeline(EVENTS, SIZE);
      viaEnd.seek(4);
      expect(written(viaEnd.seek(t).ops), `t=${t}`).toBe(`[80x24]${written(fresh.seek(t).ops)}`);
    }
  });

  it("clamps seeks to the recording, and an empty recording is finished at once", () => {
    const tl = new ReplayTimeline(EVENTS, SIZE);
    expect(written(tl.seek(-5).ops)).toBe("");
    expect(tl.seek(99) && tl.time).toBe(4);
    const empty = new ReplayTimeline([], SIZE);
    expect(empty.duration).toBe(0);
    expect(empty.finished).toBe(true);
  });

  it("finds the index of t by binary search over many events", () => {
    const many: AsciicastEvent[] = Array.from({ length: 100_000 }, (_, i) => [i / 10, "o", "x"]);
    const tl = new ReplayTimeline(many, SIZE);
    expect(tl.indexAt(-1)).toBe(0);
    expect(tl.indexAt(0)).toBe(1);
    expect(tl.indexAt(5000)).toBe(50_001);
    expect(tl.indexAt(1e9)).toBe(100_000);
  });
});

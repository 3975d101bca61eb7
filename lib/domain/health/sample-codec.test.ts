import { describe, expect, it } from "vitest";
import { blockStart, decodePoints, downsampleHourly, encodePoint, RAW_BLOCK_MS } from "./sample-codec";

const at = (iso: string) => new Date(iso);
const point = (iso: string, supportMs: number | null, load1: number | null = 1) => ({
  at: at(iso),
  supportMs,
  memUsedPct: 50,
  swapUsedPct: null,
  load1,
  kswapdCpuPct: 0,
});

describe("sample blocks", () => {
  it("round-trips points appended to an hour's block, nulls kept as nulls", () => {
    const start = blockStart(at("2026-11-30T10:07:00Z"), RAW_BLOCK_MS);
    expect(start.toISOString()).toBe("2026-11-30T10:00:00.000Z");
    const ps = [point("2026-11-30T10:05:00Z", 12.345), point("2026-11-30T10:10:00Z", null)];
    const text = ps.map((p) => encodePoint(start, p)).join("");
    expect(text).toBe("300,12.35,50,,1,0;600,,50,,1,0;");
    expect(decodePoints(start, text)).toEqual(ps.map((p) => ({ ...p, supportMs: p.supportMs && 12.35 })));
  });

  it("skips a torn or malformed point instead of guessing", () => {
    const start = at("2026-11-30T10:00:00Z");
    expect(decodePoints(start, "300,1,2,3,4,5;600,1,2;x,1,2,3,4,5;900,1,2,3,4,abc;").length).toBe(1);
  });

  it("hourly means average each field over its non-null values", () => {
    const hourly = downsampleHourly([
      point("2026-11-30T10:05:00Z", 10, 1),
      point("2026-11-30T10:10:00Z", null, 3),
      point("2026-11-30T10:15:00Z", 20, null),
      point("2026-11-30T11:05:00Z", null, null),
    ]);
    expect(hourly.map((p) => [p.at.toISOString(), p.supportMs, p.load1])).toEqual([
      ["2026-11-30T10:00:00.000Z", 15, 2],
      ["2026-11-30T11:00:00.000Z", null, null],
    ]);
  });
});

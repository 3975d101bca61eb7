import { describe, expect, it } from "vitest";
import { parseAsciicast, parseResize } from "./asciicast-reader";

const HEADER = JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1_700_000_000 });
const cast = (...lines: unknown[]) =>
  [HEADER, ...lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l)))].join("\n");

describe("asciicast v2 reading", () => {
  it("reads the header and the events in order", () => {
    const r = parseAsciicast(cast([0.1, "o", "$ "], [0.5, "i", "ls\r"], [0.6, "o", "a b\r\n"]) + "\n");
    expect(r.ok && r.value.header).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(r.ok && r.value.events).toEqual([
      [0.1, "o", "$ "],
      [0.5, "i", "ls\r"],
      [0.6, "o", "a b\r\n"],
    ]);
  });

  it("keeps unknown codes and markers; skips and counts lines that are no event (a cut-off last line)", () => {
    const r = parseAsciicast(cast([0.1, "m", "marker"], [0.2, "x", "new"], "not json", [1, 2, 3], '[0.3, "o", "par'));
    expect(r.ok && r.value.events.map((e) => e[1])).toEqual(["m", "x"]);
    expect(r.ok && r.value.skippedLines).toBe(3);
  });

  it("holds time still when the recorder's clock stepped back", () => {
    const r = parseAsciicast(cast([2, "o", "a"], [1, "o", "b"]));
    expect(r.ok && r.value.events.map((e) => e[0])).toEqual([2, 2]);
  });

  it("stops at the caps and says so", () => {
    const events = Array.from({ length: 10 }, (_, i) => [i, "o", "abcd"]);
    const byCount = parseAsciicast(cast(...events), { maxEvents: 3, maxChars: Infinity });
    expect(byCount.ok && [byCount.value.events.length, byCount.value.truncated]).toEqual([3, true]);
    const byChars = parseAsciicast(cast(...events), { maxEvents: 100, maxChars: 10 });
    expect(byChars.ok && [byChars.value.events.length, byChars.value.truncated]).toEqual([2, true]);
    const all = parseAsciicast(cast(...events), { maxEvents: 10, maxChars: 40 });
    expect(all.ok && [all.value.events.length, all.value.truncated]).toEqual([10, false]);
  });

  it.each([
    ["", /not JSON/],
    ['{"version":1,"width":80,"height":24}', /version/],
    ['{"version":2,"width":0,"height":24}', /width/],
  ])("refuses a file whose header is not asciicast v2: %j", (header, message) => {
    const r = parseAsciicast(`${header}\n[0, "o", "x"]`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(message);
  });

  it("reads resize events' sizes", () => {
    expect(parseResize("120x32")).toEqual({ cols: 120, rows: 32 });
    expect(parseResize("0x32")).toBeNull();
    expect(parseResize("120 x 32")).toBeNull();
  });
});

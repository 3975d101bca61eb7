import { describe, expect, it } from "vitest";
import { castEventLine, castHeaderLine } from "./asciicast";

describe("asciicast v2 lines", () => {
  it("writes the header as one JSON line", () => {
    const line = castHeaderLine({ version: 2, width: 80, height: 24, timestamp: 1_700_000_000 });
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line)).toEqual({ version: 2, width: 80, height: 24, timestamp: 1_700_000_000 });
  });

  it("escapes control characters and keeps UTF-8 text intact", () => {
    const line = castEventLine(1.2345678, "o", "\u001b[31mrød\r\n\u0007");
    expect(line.split("\n")).toHaveLength(2);
    expect(JSON.parse(line)).toEqual([1.234568, "o", "\u001b[31mrød\r\n\u0007"]);
  });
});

import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration";

describe("formatDuration", () => {
  it.each([
    [null, "—"],
    [0, "0.0 s"],
    [1_234, "1.2 s"],
    [59_999, "59.9 s"],
    [60_000, "1 min 0 s"],
    [125_500, "2 min 5 s"],
  ])("%s ms -> %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

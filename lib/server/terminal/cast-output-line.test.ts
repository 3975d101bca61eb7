import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { castEventLine } from "@/lib/domain/terminal/asciicast";
import { castOutputLine, completeUtf8Length } from "./cast-output-line";

describe("castOutputLine: raw bytes to an asciicast output event", () => {
  it.each([
    ["ASCII with CR LF", "y\r\ny\r\n"],
    ["escapes, quotes, backslash, NUL, DEL", '\u001b[31mred\u001b[0m "q" \\ \t\b\f\u0000\u007f'],
    ["two-, three- and four-byte characters", "rød € 😀 ✓"],
    ["line and paragraph separators (JSON.stringify leaves them)", "a\u2028b\u2029c"],
    ["nothing", ""],
  ])("%s: the same line castEventLine writes for the decoded text", (_what, text) => {
    const line = castOutputLine(1.2345678, Buffer.from(text, "utf8"));
    expect(line.toString("utf8")).toBe(castEventLine(1.2345678, "o", text));
    expect(JSON.parse(line.toString("utf8"))).toEqual([1.234568, "o", text]);
  });

  it("invalid UTF-8 is decoded as a decoder would (U+FFFD), still one valid JSON line", () => {
    const bytes = Buffer.from([0x61, 0xff, 0x62, 0xe2, 0x82, 0x63]);
    const line = castOutputLine(0, bytes);
    expect(line.toString("utf8")).toBe(castEventLine(0, "o", bytes.toString("utf8")));
    expect(JSON.parse(line.toString("utf8"))[2]).toBe("a\ufffdb\ufffdc");
  });

  it("any string, any bytes: equal to castEventLine over the decoded text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.double({ min: 0, max: 1e6, noNaN: true }), (text, t) => {
        const bytes = Buffer.from(text, "utf8");
        expect(castOutputLine(t, bytes).toString("utf8")).toBe(castEventLine(t, "o", bytes.toString("utf8")));
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (raw) => {
        const bytes = Buffer.from(raw);
        expect(castOutputLine(3, bytes).toString("utf8")).toBe(castEventLine(3, "o", bytes.toString("utf8")));
      }),
    );
  });
});

describe("completeUtf8Length: a character split between two reads waits for its rest", () => {
  it.each([
    ["whole ASCII", [0x61, 0x62], 2],
    ["€ cut after its lead byte", [0x61, 0xe2], 1],
    ["€ cut after two of three bytes", [0x61, 0xe2, 0x82], 1],
    ["€ whole", [0x61, 0xe2, 0x82, 0xac], 4],
    ["😀 cut after three of four bytes", [0xf0, 0x9f, 0x98], 0],
    ["😀 whole", [0xf0, 0x9f, 0x98, 0x80], 4],
    ["empty", [], 0],
  ])("%s -> %i", (_what, bytes, n) => {
    expect(completeUtf8Length(Uint8Array.from(bytes))).toBe(n);
  });

  it("cutting valid UTF-8 anywhere and carrying the tail reassembles the text exactly", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1 }), fc.nat(), (text, at) => {
        const bytes = Buffer.from(text, "utf8");
        const cut = at % (bytes.length + 1);
        const first = bytes.subarray(0, cut);
        const whole = completeUtf8Length(first);
        // What is written now decodes cleanly; the carried bytes plus the rest decode to the remainder.
        const now = first.subarray(0, whole).toString("utf8");
        const later = Buffer.concat([first.subarray(whole), bytes.subarray(cut)]).toString("utf8");
        expect(now).not.toContain("\ufffd");
        expect(now + later).toBe(text);
      }),
    );
  });
});

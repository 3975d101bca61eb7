import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { unsafeCharacter } from "./free-text";

describe("unsafeCharacter", () => {
  it.each([
    ["Lyon Part-Dieu"],
    ["Zürich Paradeplatz"],
    ["São Paulo – Centro"],
    ["Besanc\u0327on"], // a combining cedilla is a mark (Mn), shown on its letter
    ["東京 丸の内"],
    ["Αθήνα"],
    ["🏦 Agence 12"],
  ])("accepts the visible text %j", (text) => {
    expect(unsafeCharacter(text)).toBeNull();
  });

  it.each([
    ["Lyon\u0000", "U+0000", "control character"],
    ["Lyon\tEst", "U+0009", "control character"],
    ["Lyon\u007f", "U+007F", "control character"],
    ["Lyon\u0085Est", "U+0085", "control character"],
    ["Lyon\u009bEst", "U+009B", "control character"],
    ["Lyon\u2028Est", "U+2028", "line separator"],
    ["Lyon\u2029Est", "U+2029", "paragraph separator"],
    ["\u202eLyon", "U+202E", "invisible format character"],
    ["Ly\u200bon", "U+200B", "invisible format character"],
    ["Ly\u200don", "U+200D", "invisible format character"],
    ["Lyon\ufeff", "U+FEFF", "invisible format character"],
    ["Lyon\u2066x\u2069", "U+2066", "invisible format character"],
    ["Lyon\ue000", "U+E000", "private-use character"],
    ["Lyon\udb80\udc00", "U+F0000", "private-use character"],
    ["Lyon\ud800", "U+D800", "lone surrogate"],
    ["Lyon\udc00x", "U+DC00", "lone surrogate"],
    ["Lyon\u0378", "U+0378", "unassigned code point"],
    ["Lyon\ufffe", "U+FFFE", "unassigned code point"],
  ])("refuses %j, naming %s (%s)", (text, codePoint, kind) => {
    const problem = unsafeCharacter(text);
    expect(problem).toContain(codePoint);
    expect(problem).toContain(kind);
  });

  it("names the first offending character and where it is", () => {
    expect(unsafeCharacter("ab\u202ecd\u200b")).toMatch(/^U\+202E .* at position 3$/);
  });

  it("text made only of letters, digits, marks, punctuation, symbols and spaces is always accepted", () => {
    const visible = fc.string({ unit: fc.constantFrom(..."aZ09 -_.,'()&/éÄßçØ東京Ωж€🏦") });
    fc.assert(fc.property(visible, (text) => unsafeCharacter(text) === null));
  });
});

import { describe, expect, it } from "vitest";
import { passwordProblems, ZCreateUserInput, ZUpdateUserInput } from "./user-input";

const fieldErrors = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("password policy: long enough, and not trivially guessable", () => {
  it.each([
    ["one character repeated", "aaaaaaaaaa", "one character repeated"],
    ["one character repeated, long", "%".repeat(40), "one character repeated"],
    ["a short block repeated", "abababababab", "short pattern repeated"],
    ["a three-character block repeated, cut short", "abcabcabcab", "short pattern repeated"],
    ["digits in a row", "1234567890", "sequence"],
    ["digits in a row, wrapping", "5678901234", "sequence"],
    ["digits backwards", "9876543210", "sequence"],
    ["letters in a row", "abcdefghijkl", "sequence"],
    ["a keyboard row", "qwertyuiop", "sequence"],
    ["a keyboard row, upper case", "QWERTYUIOPASDF", "sequence"],
    ["a keyboard row backwards", "poiuytrewq", "sequence"],
    ["a common password with digits", "password123", "well-known password"],
    ["a common password with leetspeak and a year", "P@ssw0rd2024!", "well-known password"],
    ["a common password with leading digits", "2024welcome", "well-known password"],
    ["a season and a year", "Summer2025!", "well-known password"],
    ["the product's name", "branchdesk1", "well-known password"],
  ])("refuses %s (%j)", (_what, password, message) => {
    expect(passwordProblems(password).join("; ")).toContain(message);
    expect(fieldErrors(ZUpdateUserInput.safeParse({ password })).password).toContain(message);
  });

  it.each(["correct horse battery", "long enough pw", "viewer-password-1", "Tr0ub4dor&3-x", "1987-06-12 lyon"])(
    "accepts %j",
    (password) => {
      expect(passwordProblems(password)).toEqual([]);
      expect(ZUpdateUserInput.safeParse({ password }).success).toBe(true);
    },
  );

  it("keeps the minimum length, naming the field", () => {
    const short = ZUpdateUserInput.safeParse({ password: "short" });
    expect(fieldErrors(short)).toEqual({ password: "must be at least 10 characters" });
  });

  it("refuses a password that is or contains the username, on the field password", () => {
    for (const password of ["jdupont123", "JDupont-2025x", "my-jdupont-pass"]) {
      const r = ZCreateUserInput.safeParse({ username: "jdupont", role: "viewer", password });
      expect(fieldErrors(r)).toEqual({ password: "must not contain the username" });
    }
    expect(passwordProblems("lyon-desk-42", "jdupont")).toEqual([]);
    // A one- or two-letter username would match half the dictionary: only the whole password counts then.
    expect(passwordProblems("albatross-99", "al")).toEqual([]);
  });
});

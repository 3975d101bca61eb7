import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseEbtables } from "../rules/parse-ebtables";
import { parseIptablesSave } from "../rules/parse-iptables-save";
import { shellQuote } from "../shell-quote";
import { BRANCH_CODE_MAX, parseBranchCode } from "./branch-code";

describe("parseBranchCode", () => {
  it.each([
    ["BR-0042", "BR-0042"],
    ["br-0042", "BR-0042"],
    ["LYON-01", "LYON-01"],
    ["0042", "0042"],
    ["PAR_OPERA", "PAR_OPERA"],
    ["par_opera", "PAR_OPERA"],
    ["7", "7"],
    ["A".repeat(BRANCH_CODE_MAX), "A".repeat(BRANCH_CODE_MAX)],
  ])("accepts %j as %j (stored upper-case, typed in any case)", (input, want) => {
    expect(parseBranchCode(input)).toEqual({ ok: true, value: want });
  });

  it.each([
    ["", "must not be empty"],
    ["A".repeat(BRANCH_CODE_MAX + 1), `at most ${BRANCH_CODE_MAX}`],
    ["-LYON", "starting with a letter or digit"],
    ["_LYON", "starting with a letter or digit"],
    ["LYON 01", "letters, digits, '-' and '_'"],
    ["LYON/01", "letters, digits, '-' and '_'"],
    ["LYON.01", "letters, digits, '-' and '_'"],
    ["..", "starting with a letter or digit"],
    ["BR-42;reboot", "letters, digits, '-' and '_'"],
    ["BR-42\n", "letters, digits, '-' and '_'"],
    ["LYON%2F01", "letters, digits, '-' and '_'"],
    ['"BR"', "starting with a letter or digit"],
    // toUpperCase() turns these into ASCII ("I", "S", "FF"): they must be refused, not folded into another code.
    ["lıon", "letters, digits, '-' and '_'"],
    ["ſt-01", "letters, digits, '-' and '_'"],
    ["ﬀ-01", "letters, digits, '-' and '_'"],
    ["ＢＲ-0042", "letters, digits, '-' and '_'"],
  ])("refuses %j (%s)", (input, problem) => {
    const r = parseBranchCode(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(problem);
  });

  it("refuses a non-string", () => {
    expect(parseBranchCode(42)).toEqual({ ok: false, error: "must be a string" });
  });
});

const codeChar = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
const firstChar = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
const typedCode = fc
  .tuple(firstChar, fc.array(codeChar, { maxLength: BRANCH_CODE_MAX - 1 }))
  .map(([head, rest]) => head + rest.join(""));

function valid(input: string): string {
  const r = parseBranchCode(input);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe("a valid branch code travels unchanged", () => {
  it("parsing is case-insensitive and idempotent", () => {
    fc.assert(
      fc.property(typedCode, (typed) => {
        const code = valid(typed);
        expect(code).toBe(typed.toUpperCase());
        expect(valid(typed.toLowerCase())).toBe(code);
        expect(valid(code)).toBe(code);
      }),
    );
  });

  it("through a URL path segment: encoding is the identity and the router reads it back", () => {
    fc.assert(
      fc.property(typedCode, (typed) => {
        const code = valid(typed);
        expect(encodeURIComponent(code)).toBe(code);
        const url = new URL(`/api/v1/branches/${encodeURIComponent(code)}/gateway`, "http://dashboard.example");
        expect(url.pathname.split("/")[4]).toBe(code);
        expect(decodeURIComponent(url.pathname.split("/")[4]!)).toBe(code);
      }),
    );
  });

  it("through a rule comment, as iptables-save and ebtables-save print it, and back through the parsers", () => {
    fc.assert(
      fc.property(typedCode, (typed) => {
        const code = valid(typed);
        const ipt = parseIptablesSave(
          `*nat\n:BRANCHDESK-PRE - [0:0]\n` +
            `-A BRANCHDESK-PRE -d 198.51.100.10/32 -m comment --comment ${code} -j RETURN\nCOMMIT\n`,
        );
        if (!ipt.ok) throw new Error(ipt.error);
        expect(ipt.value.rules[0]!.normal.matches).toContainEqual({
          module: "comment",
          opts: [{ name: "--comment", negated: false, values: [code] }],
        });
        const ebt = parseEbtables(
          `*nat\n:BRANCHDESK-ARP ACCEPT\n-A BRANCHDESK-ARP -p ARP --comment ${code} -j RETURN\n`,
        );
        if (!ebt.ok) throw new Error(ebt.error);
        expect(ebt.value.rules[0]!.text).toContain(`--comment ${code} `);
      }),
    );
  });

  it("through a shell word and the CLI's --branch option, never read as an option", () => {
    fc.assert(
      fc.property(typedCode, (typed) => {
        const code = valid(typed);
        expect(shellQuote(code)).toBe(code);
        const { values } = parseArgs({
          args: ["--branch", code],
          options: { branch: { type: "string", multiple: true } },
        });
        expect(values.branch).toEqual([code]);
      }),
    );
  });
});

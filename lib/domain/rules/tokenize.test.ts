import { describe, expect, it } from "vitest";
import { tokenize } from "./tokenize";

describe("tokenize", () => {
  it.each([
    ["-A PREROUTING -j BRANCHDESK-PRE", ["-A", "PREROUTING", "-j", "BRANCHDESK-PRE"]],
    ["  -A\tX   -j Y  ", ["-A", "X", "-j", "Y"]],
    [
      `-m comment --comment "admin\\'s \\"own\\" rule" -j ACCEPT`,
      ["-m", "comment", "--comment", `admin's "own" rule`, "-j", "ACCEPT"],
    ],
    [`--comment 'single quoted'`, ["--comment", "single quoted"]],
    [`--comment ""`, ["--comment", ""]],
    [`--log-prefix "x y"z`, ["--log-prefix", "x yz"]],
    ["", []],
  ])("splits %j", (line, want) => {
    expect(tokenize(line)).toEqual({ ok: true, value: want });
  });

  it.each([`--comment "open`, `--comment 'open`])("refuses the unterminated quote in %j", (line) => {
    expect(tokenize(line).ok).toBe(false);
  });
});

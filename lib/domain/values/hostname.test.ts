import { describe, expect, it } from "vitest";
import { parseHostname } from "./hostname";

describe("parseHostname", () => {
  it.each([
    ["br-0042-h07", "br-0042-h07"],
    ["GW1.Branch42.example", "gw1.branch42.example"],
    ["a", "a"],
    ["x".repeat(63), "x".repeat(63)],
  ])("accepts %s as %s", (input, want) => {
    expect(parseHostname(input)).toEqual({ ok: true, value: want });
  });

  it.each([
    ["-leading", "not a valid host name"],
    ["trailing-", "not a valid host name"],
    ["two..dots", "not a valid host name"],
    ["trailing.", "not a valid host name"],
    ["host;reboot", "not a valid host name"],
    ["$(id)", "not a valid host name"],
    ["host\nname", "not a valid host name"],
    ["x".repeat(64), "not a valid host name"],
    [("a".repeat(60) + ".").repeat(5), "longer than 253"],
    ["", "must not be empty"],
  ])("refuses %j (%s)", (input, problem) => {
    const r = parseHostname(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(problem);
  });
});

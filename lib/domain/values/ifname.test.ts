import { describe, expect, it } from "vitest";
import { parseIfname } from "./ifname";

describe("parseIfname", () => {
  it.each(["virbr0", "eth0", "br-lan.10", "enp3s0f1", "bond0.100", "a", "abcdefghijklmno", "_tmp"])(
    "accepts the interface name %s",
    (input) => {
      expect(parseIfname(input)).toEqual({ ok: true, value: input });
    },
  );

  it.each([
    ["eth0;reboot", "not a valid interface name"],
    ["$(id)", "not a valid interface name"],
    ["`id`", "not a valid interface name"],
    ["eth0\nreboot", "not a valid interface name"],
    ["eth0\n", "not a valid interface name"],
    ["abcdefghijklmnop", "16 characters"],
    ["eth 0", "not a valid interface name"],
    ["eth+", "not a valid interface name"],
    ["eth0:1", "not a valid interface name"],
    ["a/b", "not a valid interface name"],
    ["-j", "not a valid interface name"],
    ["!eth0", "not a valid interface name"],
    [".", "not a valid interface name"],
    ["..", "not a valid interface name"],
    ["", "must not be empty"],
  ])("refuses %j (%s)", (input, problem) => {
    const r = parseIfname(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(problem);
  });

  it("refuses a non-string", () => {
    expect(parseIfname(["eth0"])).toEqual({ ok: false, error: "must be a string" });
  });
});

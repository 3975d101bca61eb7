import { describe, expect, it } from "vitest";
import { parseIfname, parseLinkIfname } from "./ifname";

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

describe("parseLinkIfname", () => {
  it.each(["virbr0", "eth1", "br-lan.10", "lo0", "loop1", "alle", "default0", "constructor", "__proto__"])(
    "accepts %s, which a NIC, bridge or VLAN can be called",
    (input) => {
      expect(parseLinkIfname(input)).toEqual({ ok: true, value: input });
    },
  );

  it.each([
    ["lo", "loopback"],
    ["all", "/proc/sys/net/ipv4/conf/all"],
    ["default", "/proc/sys/net/ipv4/conf/default"],
    ["bonding_masters", "/sys/class/net/bonding_masters"],
    ["eth0;reboot", "not a valid interface name"],
  ])("refuses %j (%s)", (input, problem) => {
    const r = parseLinkIfname(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(problem);
  });
});

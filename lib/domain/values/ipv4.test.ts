import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareIpv4, intToIpv4, ipv4ToInt, isLinkLocal, isUsableUnicast, parseIpv4, type Ipv4 } from "./ipv4";

describe("parseIpv4", () => {
  it.each([
    "192.0.2.1",
    "198.51.100.255",
    "203.0.113.0",
    "198.19.255.254",
    "169.254.0.1",
    "0.0.0.0",
    "255.255.255.255",
  ])("accepts the canonical dotted quad %s unchanged", (input) => {
    expect(parseIpv4(input)).toEqual({ ok: true, value: input });
  });

  it.each([
    ["203.0.113.300", "octet 300 > 255"],
    ["203.0.113", "not an IPv4 address"],
    ["203.0.113.05", "leading zero"],
    ["010.0.0.1", "leading zero"],
    [" 203.0.113.5", "not an IPv4 address"],
    ["203.0.113.5\n", "not an IPv4 address"],
    ["203.0.113.5;reboot", "not an IPv4 address"],
    ["$(id)", "not an IPv4 address"],
    ["0x7f.0.0.1", "not an IPv4 address"],
    ["203.0.113.5/32", "not an IPv4 address"],
    ["", "not an IPv4 address"],
  ])("refuses %j (%s)", (input, problem) => {
    const r = parseIpv4(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(problem);
  });

  it.each([[42], [null], [undefined], [{}]])("refuses the non-string %j", (input) => {
    expect(parseIpv4(input)).toEqual({ ok: false, error: "must be a string" });
  });
});

describe("integer conversion", () => {
  it("round-trips every 32-bit value", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => ipv4ToInt(intToIpv4(n)) === n));
  });

  it.each([[-1], [2 ** 32], [1.5]])("refuses %d, which is not a 32-bit address", (n) => {
    expect(() => intToIpv4(n)).toThrow(RangeError);
  });

  it("orders addresses numerically, not lexically", () => {
    expect(compareIpv4("203.0.113.9" as Ipv4, "203.0.113.10" as Ipv4)).toBeLessThan(0);
  });
});

describe("address classes", () => {
  it.each([
    ["169.254.0.1", true],
    ["169.254.255.254", true],
    ["169.253.255.255", false],
    ["203.0.113.5", false],
  ])("isLinkLocal(%s) is %s", (ip, want) => {
    expect(isLinkLocal(ip as Ipv4)).toBe(want);
  });

  it.each([
    ["192.0.2.10", true],
    ["198.51.100.10", true],
    ["203.0.113.10", true],
    ["198.18.3.4", true],
    ["169.254.7.1", true],
    ["0.0.0.0", false],
    ["127.0.0.1", false],
    ["224.0.0.1", false],
    ["240.0.0.1", false],
    ["255.255.255.255", false],
  ])("isUsableUnicast(%s) is %s (documentation ranges are ordinary unicast)", (ip, want) => {
    expect(isUsableUnicast(ip as Ipv4)).toBe(want);
  });
});

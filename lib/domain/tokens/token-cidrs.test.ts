import { describe, expect, it } from "vitest";
import { clientAllowed, normaliseTokenCidr, normaliseTokenCidrs } from "./token-cidrs";

describe("a token's allowed CIDRs are stored normalised", () => {
  it.each([
    ["192.0.2.0/24", "192.0.2.0/24"],
    [" 198.51.100.7 ", "198.51.100.7/32"],
    ["2001:DB8:0:0::/32", "2001:db8::/32"],
    ["2001:db8::1", "2001:db8::1/128"],
    ["0.0.0.0/0", "0.0.0.0/0"],
  ])("%j -> %s", (input, normal) => {
    expect(normaliseTokenCidr(input)).toEqual({ ok: true, value: normal });
  });

  it.each([
    ["192.0.2.7/24", /host bits set: write 192.0.2.0\/24, or 192.0.2.7\/32/],
    ["192.0.2.0/33", /is not an IPv4 or IPv6 address or CIDR/],
    ["127.1", /is not an IPv4/],
    ["0x7f.0.0.1/32", /is not an IPv4/],
    ["example.com", /is not an IPv4/],
    ["", /is not an IPv4/],
  ])("%j is refused", (input, message) => {
    const r = normaliseTokenCidr(input);
    expect(r.ok ? "accepted" : r.error).toMatch(message);
  });

  it("reports every bad entry by position and removes duplicates", () => {
    expect(normaliseTokenCidrs(["192.0.2.0/24", "192.0.2.0/24"])).toEqual({ ok: true, value: ["192.0.2.0/24"] });
    const r = normaliseTokenCidrs(["x", "192.0.2.0/24", "y"]);
    expect(r.ok ? [] : r.error.map((e) => e.slice(0, 8))).toEqual(["entry 1:", "entry 3:"]);
  });
});

describe("a client is allowed when inside one of the CIDRs ([] allows any)", () => {
  const cidrs = ["192.0.2.0/25", "2001:db8::/32"];
  it.each([
    [[], "203.0.113.1", true],
    [[], "unknown", true],
    [cidrs, "192.0.2.127", true],
    [cidrs, "192.0.2.128", false],
    [cidrs, "::ffff:192.0.2.1", true],
    [cidrs, "2001:db8:1::1", true],
    [cidrs, "2001:db9::1", false],
    [cidrs, "unknown", false],
  ] as const)("%j from %s -> %s", (allowed, client, expected) => {
    expect(clientAllowed(allowed, client)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bigIntToMac, macToBigInt, parseMac } from "./mac";

describe("parseMac", () => {
  it.each([
    ["52:54:00:12:34:56", "52:54:00:12:34:56"],
    ["52:54:00:AB:CD:EF", "52:54:00:ab:cd:ef"],
    ["52-54-00-ab-cd-ef", "52:54:00:ab:cd:ef"],
    ["525400abcdef", "52:54:00:ab:cd:ef"],
    ["00:16:3e:00:00:01", "00:16:3e:00:00:01"],
  ])("normalises %s to %s", (input, want) => {
    expect(parseMac(input)).toEqual({ ok: true, value: want });
  });

  it.each([
    ["01:00:5e:00:00:01", "multicast"],
    ["33:33:00:00:00:01", "multicast"],
    ["ff:ff:ff:ff:ff:ff", "multicast"],
    ["00:00:00:00:00:00", "all-zero"],
    ["52:54:00:12:34", "not a MAC address"],
    ["52:54:00-12:34:56", "not a MAC address"],
    ["52:54:0:1:2:3", "not a MAC address"],
    [" 52:54:00:12:34:56", "not a MAC address"],
    ["52:54:00:12:34:56\n", "not a MAC address"],
    ["52:54:00:12:34:56;reboot", "not a MAC address"],
    ["$(id)", "not a MAC address"],
    ["52:54:00:12:34:zz", "not a MAC address"],
  ])("refuses %j (%s)", (input, problem) => {
    const r = parseMac(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(problem);
  });

  it("refuses a non-string", () => {
    expect(parseMac(0x525400123456)).toEqual({ ok: false, error: "must be a string" });
  });

  it("bigint conversion round-trips every 48-bit value", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 48n - 1n }), (n) => macToBigInt(bigIntToMac(n)) === n));
  });
});

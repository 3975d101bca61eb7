import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocateLinkLocal, isReservedLinkLocal } from "./allocate-link-local";
import { cidrContains, type Cidr } from "../values/cidr";
import { intToIpv4, ipv4ToInt, type Ipv4 } from "../values/ipv4";

const ip = (s: string) => s as Ipv4;
const pool = "169.254.0.0/16" as Cidr;
const gatewayIp = ip("169.254.1.1");

describe("allocateLinkLocal", () => {
  it.each([
    ["an empty branch gets the first address after RFC 3927's reserved /24", [], "169.254.1.0"],
    ["the gateway's address (169.254.1.1) is skipped", ["169.254.1.0"], "169.254.1.2"],
    ["a hole left by a removed host is reused first", ["169.254.1.0", "169.254.1.2", "169.254.1.4"], "169.254.1.3"],
    [
      "the lowest free address wins regardless of input order",
      ["169.254.1.3", "169.254.1.0", "169.254.1.2"],
      "169.254.1.4",
    ],
    ["addresses of other pools in `used` change nothing", ["169.254.0.7", "198.51.100.1"], "169.254.1.0"],
  ])("%s", (_name, used, want) => {
    expect(allocateLinkLocal({ pool, gatewayIp, used: used.map(ip) })).toEqual({ ok: true, value: want });
  });

  it("in a small pool, the pool's network and broadcast addresses are never offered", () => {
    const small = "169.254.7.0/30" as Cidr;
    expect(allocateLinkLocal({ pool: small, gatewayIp: ip("169.254.7.1"), used: [] })).toEqual({
      ok: true,
      value: "169.254.7.2",
    });
    const r = allocateLinkLocal({ pool: small, gatewayIp: ip("169.254.7.1"), used: [ip("169.254.7.2")] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^pool: no free link-local address left in 169.254.7.0\/30/);
  });

  it.each([
    ["169.254.0.0/24", "entirely RFC 3927 reserved"],
    ["169.254.255.0/24", "entirely RFC 3927 reserved"],
    ["169.254.9.9/32", "a /32 has no host address"],
  ])("a pool %s yields a clear error (%s)", (p) => {
    const r = allocateLinkLocal({ pool: p as Cidr, gatewayIp, used: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("no free link-local address");
  });

  it.each([
    ["198.51.100.0/24", "not inside 169.254.0.0/16"],
    ["169.0.0.0/8", "not inside 169.254.0.0/16"],
    ["169.254.1.1/16", "host bits set"],
  ])("refuses the pool %s, naming the field (%s)", (p, problem) => {
    const r = allocateLinkLocal({ pool: p as Cidr, gatewayIp, used: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(new RegExp(`^pool: .*${problem}`));
  });

  it("a full /16 pool is an error, not a wrap-around or a reserved address", () => {
    const used: Ipv4[] = [];
    for (let n = ipv4ToInt(ip("169.254.1.0")); n <= ipv4ToInt(ip("169.254.254.255")); n++) used.push(intToIpv4(n));
    const r = allocateLinkLocal({ pool, gatewayIp, used: used.filter((u) => u !== gatewayIp) });
    expect(r.ok).toBe(false);
  });

  it.each([
    ["169.254.0.0", true],
    ["169.254.0.255", true],
    ["169.254.1.0", false],
    ["169.254.254.255", false],
    ["169.254.255.0", true],
    ["169.254.255.255", true],
    ["198.51.100.1", false],
  ])("isReservedLinkLocal(%s) is %s", (addr, want) => {
    expect(isReservedLinkLocal(ip(addr))).toBe(want);
  });
});

describe("allocateLinkLocal properties", () => {
  const smallPools = fc.constantFrom(
    "169.254.0.0/16",
    "169.254.0.0/23",
    "169.254.254.0/23",
    "169.254.4.0/28",
    "169.254.9.128/29",
  ) as fc.Arbitrary<Cidr>;

  it(
    "repeated allocation never duplicates, never leaves the pool, " +
      "never hands out a reserved, network, broadcast or gateway address",
    () => {
      fc.assert(
        fc.property(smallPools, fc.integer({ min: 0, max: 40 }), fc.nat(), (p, count, gwSeed) => {
          const base = ipv4ToInt(ip(p.split("/")[0]!));
          const size = 2 ** (32 - Number(p.split("/")[1]));
          const gw = intToIpv4(base + (gwSeed % size));
          const used: Ipv4[] = [];
          for (let i = 0; i < count; i++) {
            const r = allocateLinkLocal({ pool: p, gatewayIp: gw, used });
            if (!r.ok) break;
            const a = r.value;
            expect(used).not.toContain(a);
            expect(a).not.toBe(gw);
            expect(cidrContains(p, a)).toBe(true);
            expect(isReservedLinkLocal(a)).toBe(false);
            expect(ipv4ToInt(a)).toBeGreaterThan(base);
            expect(ipv4ToInt(a)).toBeLessThan(base + size - 1);
            used.push(a);
          }
        }),
      );
    },
  );

  it("is deterministic and lowest-first: the answer is below every free address", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 256, max: 400 }), { maxLength: 60 }), (offsets) => {
        const used = offsets.map((o) => intToIpv4(ipv4ToInt(ip("169.254.0.0")) + o));
        const r = allocateLinkLocal({ pool, gatewayIp, used });
        const again = allocateLinkLocal({ pool, gatewayIp, used: [...used].reverse() });
        expect(r).toEqual(again);
        if (!r.ok) throw new Error(r.error);
        const n = ipv4ToInt(r.value);
        for (let m = ipv4ToInt(ip("169.254.1.0")); m < n; m++) {
          const a = intToIpv4(m);
          expect(used.includes(a) || a === gatewayIp).toBe(true);
        }
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  cidrBroadcast,
  cidrContains,
  cidrNetwork,
  cidrOverlaps,
  cidrPrefix,
  cidrSize,
  cidrWithin,
  makeCidr,
  parseCidr,
  type Cidr,
} from "./cidr";
import type { Ipv4 } from "./ipv4";

const c = (s: string) => s as Cidr;
const ip = (s: string) => s as Ipv4;

describe("parseCidr", () => {
  it.each(["198.18.4.0/24", "169.254.0.0/16", "203.0.113.7/32", "0.0.0.0/0", "198.51.100.128/25"])(
    "accepts the canonical network %s",
    (input) => {
      expect(parseCidr(input)).toEqual({ ok: true, value: input });
    },
  );

  it.each([
    ["198.18.4.1/24", "host bits set; did you mean 198.18.4.0/24"],
    ["198.18.4.0/33", "invalid prefix length"],
    ["198.18.4.0/08", "invalid prefix length"],
    ["198.18.4.0/", "invalid prefix length"],
    ["198.18.4.0", "expected a.b.c.d/n"],
    ["198.18.4.0/24\n", "invalid prefix length"],
    ["198.18.4.0/24;reboot", "invalid prefix length"],
    ["198.18.400.0/24", "not a CIDR"],
    ["$(id)/24", "not a CIDR"],
  ])("refuses %j (%s)", (input, problem) => {
    const r = parseCidr(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(problem);
  });

  it("refuses a non-string", () => {
    expect(parseCidr(24)).toEqual({ ok: false, error: "must be a string" });
  });
});

describe("cidr arithmetic", () => {
  it.each([
    ["169.254.0.0/16", "169.254.0.0", "169.254.255.255", 16, 65536],
    ["198.51.100.0/24", "198.51.100.0", "198.51.100.255", 24, 256],
    ["203.0.113.8/30", "203.0.113.8", "203.0.113.11", 30, 4],
    ["203.0.113.9/32", "203.0.113.9", "203.0.113.9", 32, 1],
    ["0.0.0.0/0", "0.0.0.0", "255.255.255.255", 0, 2 ** 32],
  ])("%s has network %s, broadcast %s, prefix %d, size %d", (cidr, net, bcast, prefix, size) => {
    expect(cidrNetwork(c(cidr))).toBe(net);
    expect(cidrBroadcast(c(cidr))).toBe(bcast);
    expect(cidrPrefix(c(cidr))).toBe(prefix);
    expect(cidrSize(c(cidr))).toBe(size);
  });

  it("makeCidr clears host bits", () => {
    expect(makeCidr(ip("198.51.100.77"), 24)).toBe("198.51.100.0/24");
    expect(makeCidr(ip("169.254.3.4"), 16)).toBe("169.254.0.0/16");
  });

  it.each([
    ["198.51.100.0/24", "198.51.100.255", true],
    ["198.51.100.0/24", "198.51.101.0", false],
    ["169.254.0.0/16", "169.254.255.1", true],
    ["0.0.0.0/0", "255.255.255.255", true],
  ])("cidrContains(%s, %s) is %s", (cidr, addr, want) => {
    expect(cidrContains(c(cidr), ip(addr))).toBe(want);
  });

  it.each([
    ["198.51.100.128/25", "198.51.100.0/24", true, true],
    ["198.51.100.0/24", "198.51.100.128/25", false, true],
    ["198.51.100.0/24", "203.0.113.0/24", false, false],
  ])("%s within %s is %s, overlaps is %s", (a, b, within, overlaps) => {
    expect(cidrWithin(c(a), c(b))).toBe(within);
    expect(cidrOverlaps(c(a), c(b))).toBe(overlaps);
    expect(cidrOverlaps(c(b), c(a))).toBe(overlaps);
  });
});

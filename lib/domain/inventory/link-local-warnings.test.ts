import { describe, expect, it } from "vitest";
import type { Cidr } from "../values/cidr";
import type { Ipv4 } from "../values/ipv4";
import { branchWarnings, hostWarnings } from "./link-local-warnings";

const branch = (gatewayLinkLocalIp: string, linkLocalPool = "169.254.0.0/16") => ({
  lanCidr: "198.51.100.0/24" as Cidr,
  linkLocalPool: linkLocalPool as Cidr,
  gatewayLinkLocalIp: gatewayLinkLocalIp as Ipv4,
});

describe("link-local warnings", () => {
  it.each([
    ["169.254.0.1", "169.254.0.0/24"],
    ["169.254.0.254", "169.254.0.0/24"],
    ["169.254.255.1", "169.254.255.0/24"],
  ])("a gateway typed at %s is warned about: it is in %s, which RFC 3927 reserves", (ip, reserved) => {
    expect(branchWarnings(branch(ip))).toEqual({
      gatewayLinkLocalIp: [
        `${ip} is in ${reserved}, which RFC 3927 reserves: hosts never pick it for themselves, ` +
          `so it is recorded as typed, but Branchdesk never allocates from it`,
      ],
    });
  });

  it.each([
    ["169.254.0.0/24", "169.254.0.1"],
    ["169.254.255.128/25", "169.254.255.129"],
  ])("a pool %s inside a reserved /24 is warned about: every host address there must be typed in", (pool, gateway) => {
    expect(branchWarnings(branch(gateway, pool)).linkLocalPool).toEqual([
      `${pool} lies in a /24 that RFC 3927 reserves: ` +
        `Branchdesk never allocates from it, so type each host's link-local address`,
    ]);
  });

  it.each([["169.254.1.1"], ["169.254.254.254"]])("a gateway at %s in the usable range has no warning", (ip) => {
    expect(branchWarnings(branch(ip))).toEqual({});
  });

  it.each([
    ["169.254.0.7", "169.254.0.0/24"],
    ["169.254.255.254", "169.254.255.0/24"],
  ])("a host typed at %s is warned about (%s)", (ip, reserved) => {
    expect(hostWarnings({ linkLocalIp: ip as Ipv4 }).linkLocalIp?.[0]).toMatch(
      new RegExp(`^${ip.replaceAll(".", "\\.")} is in ${reserved.replaceAll(".", "\\.")}, which RFC 3927 reserves`),
    );
  });

  it("a host in the usable range has no warning", () => {
    expect(hostWarnings({ linkLocalIp: "169.254.1.0" as Ipv4 })).toEqual({});
  });
});

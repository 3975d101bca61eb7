import { describe, expect, it } from "vitest";
import type { Cidr } from "../values/cidr";
import type { Ipv4 } from "../values/ipv4";
import { checkBranch, EMPTY_BRANCH } from "./check-branch";

const branch = (over: Partial<Record<"lanCidr" | "linkLocalPool" | "gatewayLinkLocalIp", string>> = {}) => ({
  lanCidr: (over.lanCidr ?? "198.51.100.0/24") as Cidr,
  linkLocalPool: (over.linkLocalPool ?? "169.254.0.0/16") as Cidr,
  gatewayLinkLocalIp: (over.gatewayLinkLocalIp ?? "169.254.1.1") as Ipv4,
});

describe("checkBranch", () => {
  it.each([
    [{}],
    [{ lanCidr: "203.0.113.0/24" }],
    [{ lanCidr: "198.18.0.0/15" }],
    [{ lanCidr: "192.0.2.0/30" }],
    [{ linkLocalPool: "169.254.1.0/24", gatewayLinkLocalIp: "169.254.1.1" }],
    [{ linkLocalPool: "169.254.0.0/23", gatewayLinkLocalIp: "169.254.1.1" }],
    // RFC 3927 only forbids self-assigning from its first and last /24: typed in, they are recorded (with a warning).
    [{ gatewayLinkLocalIp: "169.254.0.1" }],
    [{ gatewayLinkLocalIp: "169.254.255.254" }],
    [{ linkLocalPool: "169.254.0.0/24", gatewayLinkLocalIp: "169.254.0.1" }],
    [{ linkLocalPool: "169.254.255.0/25", gatewayLinkLocalIp: "169.254.255.1" }],
  ])("accepts a sound branch %j", (over) => {
    expect(checkBranch(branch(over), EMPTY_BRANCH)).toEqual({});
  });

  it.each([
    [{ lanCidr: "192.0.2.0/31" }, "lanCidr", "no room for a gateway"],
    [{ lanCidr: "0.0.0.0/0" }, "lanCidr", "wider than a /8"],
    [{ lanCidr: "169.254.0.0/24" }, "lanCidr", "overlaps 169.254.0.0/16"],
    [{ lanCidr: "169.0.0.0/8" }, "lanCidr", "overlaps 169.254.0.0/16"],
    [{ lanCidr: "224.0.0.0/24" }, "lanCidr", "not a unicast range"],
    [{ lanCidr: "127.0.0.0/24" }, "lanCidr", "not a unicast range"],
    [{ linkLocalPool: "198.51.100.0/24" }, "linkLocalPool", "not inside 169.254.0.0/16"],
    [
      { linkLocalPool: "169.254.7.4/31", gatewayLinkLocalIp: "169.254.7.4" },
      "linkLocalPool",
      "no address a host may use",
    ],
    [{ linkLocalPool: "169.254.2.0/24" }, "gatewayLinkLocalIp", "outside the link-local pool 169.254.2.0/24"],
    [
      { linkLocalPool: "169.254.0.0/24", gatewayLinkLocalIp: "169.254.0.0" },
      "gatewayLinkLocalIp",
      "network or broadcast",
    ],
    [{ linkLocalPool: "169.254.4.0/24", gatewayLinkLocalIp: "169.254.4.255" }, "gatewayLinkLocalIp", "broadcast"],
    [{ gatewayLinkLocalIp: "198.51.100.1" }, "gatewayLinkLocalIp", "outside the link-local pool"],
  ])("refuses %j: %s %s", (over, field, message) => {
    expect(checkBranch(branch(over), EMPTY_BRANCH)[field]?.join()).toContain(message);
  });

  it("reports every problem at once", () => {
    const errors = checkBranch(
      branch({ lanCidr: "169.254.0.0/24", linkLocalPool: "203.0.113.0/24", gatewayLinkLocalIp: "169.254.0.1" }),
      EMPTY_BRANCH,
    );
    expect(Object.keys(errors).sort()).toEqual(["lanCidr", "linkLocalPool"]);
  });

  const inUse = {
    gatewayLanIp: "198.51.100.1" as Ipv4,
    otherLans: [],
    guests: [
      { value: "198.51.100.10", owner: "guest win-01" },
      { value: "198.51.100.200", owner: "guest win-02" },
    ],
    hosts: [
      { value: "169.254.1.2", owner: "host br-0042-h01" },
      { value: "169.254.9.3", owner: "host br-0042-h02" },
    ],
  };

  it("a new LAN must not strand existing guests or the gateway", () => {
    const errors = checkBranch(branch({ lanCidr: "198.51.100.128/25" }), inUse);
    expect(errors.lanCidr).toHaveLength(2);
    expect(errors.lanCidr?.[0]).toContain("guest win-01 (198.51.100.10) would be outside 198.51.100.128/25");
    expect(errors.lanCidr?.[1]).toContain("gateway's LAN address 198.51.100.1");
  });

  it("a LAN whose broadcast address is a guest's IP strands that guest", () => {
    expect(
      checkBranch(branch({ lanCidr: "198.51.100.192/26" }), {
        ...inUse,
        gatewayLanIp: null,
        guests: [{ value: "198.51.100.255", owner: "guest g" }],
      }).lanCidr?.join(),
    ).toContain("guest g");
  });

  it("a narrower pool must keep every host's link-local address, and the gateway must not take a host's", () => {
    const errors = checkBranch(branch({ linkLocalPool: "169.254.1.0/24", gatewayLinkLocalIp: "169.254.1.2" }), inUse);
    expect(errors.linkLocalPool?.join()).toContain("host br-0042-h02 (169.254.9.3) would be outside 169.254.1.0/24");
    expect(errors.gatewayLinkLocalIp?.join()).toContain("host br-0042-h01 (169.254.1.2) already uses this address");
  });

  it("names three stranded records and counts the rest", () => {
    const guests = Array.from({ length: 5 }, (_, i) => ({ value: `198.51.100.${10 + i}`, owner: `guest w${i}` }));
    const message = checkBranch(branch({ lanCidr: "203.0.113.0/24" }), { ...EMPTY_BRANCH, guests }).lanCidr?.[0];
    expect(message).toMatch(/w0 .*w1 .*w2 .* and 2 more .*move or re-address them first/);
  });

  const neighbours = {
    ...EMPTY_BRANCH,
    otherLans: [
      { value: "198.51.100.0/24", owner: "branch BR-0042 (Lyon)" },
      { value: "203.0.113.0/25", owner: "branch LYON-02 (Lyon Est)" },
    ],
  };

  it.each([
    ["198.51.100.0/24", ["branch BR-0042 (Lyon)"]],
    ["198.51.100.128/25", ["branch BR-0042 (Lyon)"]],
    ["198.51.0.0/16", ["branch BR-0042 (Lyon)"]],
    ["203.0.113.0/24", ["branch LYON-02 (Lyon Est)"]],
    ["198.0.0.0/8", ["branch BR-0042 (Lyon)"]],
  ])("a LAN %s that overlaps another branch's LAN is refused, naming it", (lanCidr, owners) => {
    const errors = checkBranch(branch({ lanCidr }), neighbours).lanCidr ?? [];
    expect(errors).toHaveLength(owners.length);
    owners.forEach((owner, i) => {
      expect(errors[i]?.startsWith(`${lanCidr} overlaps the LAN `)).toBe(true);
      expect(errors[i]).toContain(` of ${owner}; every branch needs its own`);
    });
  });

  it.each(["203.0.113.128/25", "192.0.2.0/24", "198.51.101.0/24"])(
    "a LAN %s next to the others, not over them, is accepted",
    (lanCidr) => {
      expect(checkBranch(branch({ lanCidr }), neighbours)).toEqual({});
    },
  );

  it("an unchanged branch with its records passes", () => {
    expect(checkBranch(branch(), inUse)).toEqual({});
  });
});

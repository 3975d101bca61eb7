import { describe, expect, it } from "vitest";
import type { Cidr } from "../values/cidr";
import type { Ipv4 } from "../values/ipv4";
import type { Mac } from "../values/mac";
import { checkGateway, type GatewayContext } from "./check-gateway";
import { checkGuest } from "./check-guest";

const branch = {
  lanCidr: "203.0.113.0/24" as Cidr,
  linkLocalPool: "169.254.0.0/16" as Cidr,
  gatewayLinkLocalIp: "169.254.1.1" as Ipv4,
};
const ctx: GatewayContext = {
  branch,
  guestIps: [{ value: "203.0.113.20", owner: "guest win-01 (host h01)" }],
  hostnames: [{ value: "h01", owner: "host h01" }],
};

describe("checkGateway", () => {
  it.each([
    [{ hostname: "gw", lanIp: "203.0.113.1" }, {}],
    [{ hostname: "gw", lanIp: "203.0.113.254" }, {}],
    [{ hostname: "gw", lanIp: "198.18.0.1" }, { lanIp: ["198.18.0.1 is outside the branch LAN 203.0.113.0/24"] }],
    [{ hostname: "gw", lanIp: "203.0.113.0" }, { lanIp: ["203.0.113.0 is the network address of 203.0.113.0/24"] }],
    [
      { hostname: "gw", lanIp: "203.0.113.255" },
      { lanIp: ["203.0.113.255 is the broadcast address of 203.0.113.0/24"] },
    ],
    [
      { hostname: "h01", lanIp: "203.0.113.20" },
      {
        lanIp: ["203.0.113.20 is already used by guest win-01 (host h01)"],
        hostname: ["h01 is already the name of host h01"],
      },
    ],
  ])("the gateway LAN address must be inside the LAN and free: %j", (gateway, want) => {
    expect(checkGateway({ hostname: gateway.hostname, lanIp: gateway.lanIp as Ipv4 }, ctx)).toEqual(want);
  });
});

describe("checkGuest (standalone, keys without prefix)", () => {
  it("guest IP unique in the branch and MAC unique in the fleet", () => {
    const errors = checkGuest(
      { name: "w", domain: "w", mac: "52:54:00:00:00:09" as Mac, ip: "203.0.113.20" as Ipv4 },
      {
        branch,
        gatewayLanIp: "203.0.113.1" as Ipv4,
        guestIps: ctx.guestIps,
        macs: [{ value: "52:54:00:00:00:09", owner: "host h05's NIC" }],
      },
    );
    expect(errors).toEqual({
      ip: ["203.0.113.20 is already used by guest win-01 (host h01) in this branch"],
      mac: ["52:54:00:00:00:09 is already used by host h05's NIC"],
    });
  });
});

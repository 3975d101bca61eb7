import { describe, expect, it } from "vitest";
import type { Cidr } from "../values/cidr";
import type { Ipv4 } from "../values/ipv4";
import type { Mac } from "../values/mac";
import { checkHost, type HostContext, type HostFields } from "./check-host";

const ctx: HostContext = {
  branch: {
    lanCidr: "198.51.100.0/24" as Cidr,
    linkLocalPool: "169.254.0.0/16" as Cidr,
    gatewayLinkLocalIp: "169.254.1.1" as Ipv4,
  },
  gatewayLanIp: "198.51.100.1" as Ipv4,
  linkLocalIps: [{ value: "169.254.1.2", owner: "host br-0042-h01" }],
  guestIps: [{ value: "198.51.100.10", owner: "guest win-01 (host br-0042-h01)" }],
  macs: [
    { value: "00:16:3e:00:00:01", owner: "host br-0042-h01's NIC" },
    { value: "52:54:00:00:00:01", owner: "guest win-01 (host br-0042-h01)" },
  ],
  hostnames: [{ value: "br-0042-h01", owner: "host br-0042-h01" }],
  serials: [{ value: "SN-1", owner: "host br-0042-h01" }],
};

const good: HostFields = {
  hostname: "br-0042-h02",
  serial: "SN-2",
  nicMac: "00:16:3e:00:00:02" as Mac,
  linkLocalIp: "169.254.1.3" as Ipv4,
  guest: { name: "win-02", domain: "win-02", mac: "52:54:00:00:00:02" as Mac, ip: "198.51.100.11" as Ipv4 },
};

const guest = good.guest!;

describe("checkHost", () => {
  it("accepts a host that fits its branch and the fleet", () => {
    expect(checkHost(good, ctx)).toEqual({});
  });

  it.each([
    ["linkLocalIp", { linkLocalIp: "198.51.100.9" }, "not a link-local address"],
    ["linkLocalIp", { linkLocalIp: "169.254.0.0" }, "network or broadcast address of the pool"],
    ["linkLocalIp", { linkLocalIp: "169.254.255.255" }, "network or broadcast address of the pool"],
    ["linkLocalIp", { linkLocalIp: "169.254.1.1" }, "the gateway's link-local address"],
    ["linkLocalIp", { linkLocalIp: "169.254.1.2" }, "already used by host br-0042-h01 in this branch"],
    ["hostname", { hostname: "br-0042-h01" }, "already the name of host br-0042-h01"],
    ["serial", { serial: "SN-1" }, "already the serial of host br-0042-h01"],
    ["serial", { serial: "sn-1" }, "sn-1 is already the serial of host br-0042-h01 (recorded as SN-1)"],
    ["nicMac", { nicMac: "00:16:3e:00:00:01" }, "already used by host br-0042-h01's NIC"],
    ["nicMac", { nicMac: "52:54:00:00:00:01" }, "already used by guest win-01"],
    ["guest.ip", { guest: { ...guest, ip: "203.0.113.7" } }, "outside the branch LAN 198.51.100.0/24"],
    ["guest.ip", { guest: { ...guest, ip: "198.51.100.0" } }, "network address"],
    ["guest.ip", { guest: { ...guest, ip: "198.51.100.255" } }, "broadcast address"],
    ["guest.ip", { guest: { ...guest, ip: "198.51.100.1" } }, "the gateway's LAN address"],
    ["guest.ip", { guest: { ...guest, ip: "198.51.100.10" } }, "already used by guest win-01"],
    ["guest.mac", { guest: { ...guest, mac: "00:16:3e:00:00:01" } }, "already used by host br-0042-h01's NIC"],
    ["guest.mac", { guest: { ...guest, mac: "00:16:3e:00:00:02" } }, "this host's own NIC MAC"],
  ])("flags %s for %j: %s", (field, over, message) => {
    expect(checkHost({ ...good, ...(over as Partial<HostFields>) }, ctx)[field]?.join()).toContain(message);
  });

  it.each(["169.254.0.1", "169.254.0.255", "169.254.255.0", "169.254.255.254"])(
    "a typed link-local address %s in RFC 3927's reserved first or last /24 is recorded (the warning is not an error)",
    (linkLocalIp) => {
      expect(checkHost({ ...good, linkLocalIp: linkLocalIp as Ipv4 }, ctx)).toEqual({});
    },
  );

  it("link-local addresses outside a narrowed pool are refused", () => {
    const narrow = { ...ctx, branch: { ...ctx.branch, linkLocalPool: "169.254.1.0/24" as Cidr } };
    expect(checkHost({ ...good, linkLocalIp: "169.254.2.3" as Ipv4 }, narrow).linkLocalIp?.join()).toContain(
      "outside the branch's link-local pool 169.254.1.0/24",
    );
    expect(checkHost({ ...good, linkLocalIp: "169.254.1.255" as Ipv4 }, narrow).linkLocalIp?.join()).toContain(
      "broadcast",
    );
  });

  it("returns every problem at once, guest problems keyed with the guest. prefix", () => {
    const errors = checkHost(
      {
        hostname: "br-0042-h01",
        serial: "SN-1",
        nicMac: "00:16:3e:00:00:01" as Mac,
        linkLocalIp: "169.254.1.1" as Ipv4,
        guest: { ...guest, ip: "192.0.2.5" as Ipv4, mac: "52:54:00:00:00:01" as Mac },
      },
      ctx,
    );
    expect(Object.keys(errors).sort()).toEqual([
      "guest.ip",
      "guest.mac",
      "hostname",
      "linkLocalIp",
      "nicMac",
      "serial",
    ]);
  });

  it("a host without a guest needs no guest checks", () => {
    expect(checkHost({ ...good, guest: null }, ctx)).toEqual({});
  });
});

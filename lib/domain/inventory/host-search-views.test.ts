import { describe, expect, it } from "vitest";
import { describeMatch, type HostSearchItem } from "./host-search-views";

const item: HostSearchItem = {
  id: 7,
  hostname: "br-0042-h07",
  state: "active",
  serial: "SN-0042-07",
  nicMac: "02:00:00:00:42:07",
  linkLocalIp: "169.254.2.8",
  branch: { code: "BR-0042", name: "Lyon" },
  guest: { name: "WS-0042-07", domain: "win2k-0042-07", ip: "198.18.42.17", mac: "52:54:00:00:42:07" },
  matched: { field: "serial", exact: true },
};

describe("describeMatch: the field that matched and its value, as the UI says it", () => {
  it.each([
    ["serial", true, "serial SN-0042-07"],
    ["guestIp", false, "guest IP 198.18.42.17 (starts with the query)"],
    ["guestMac", true, "guest MAC 52:54:00:00:42:07"],
    ["nicMac", true, "NIC MAC 02:00:00:00:42:07"],
    ["linkLocalIp", true, "link-local address 169.254.2.8"],
    ["guestDomain", true, "guest domain win2k-0042-07"],
  ] as const)("%s (exact: %s) -> %s", (field, exact, want) => {
    expect(describeMatch({ ...item, matched: { field, exact } })).toBe(want);
  });

  it("a guestless host matched by hostname says so without a guest", () => {
    expect(describeMatch({ ...item, guest: null, matched: { field: "hostname", exact: false } })).toBe(
      "hostname br-0042-h07 (starts with the query)",
    );
  });
});

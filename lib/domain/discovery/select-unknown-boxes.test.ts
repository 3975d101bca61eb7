import { describe, expect, it } from "vitest";
import type { Cidr } from "../values/cidr";
import type { Ipv4 } from "../values/ipv4";
import type { Mac } from "../values/mac";
import { parseNeighbours } from "./parse-neighbours";
import { selectUnknownBoxes, type BranchInventory } from "./select-unknown-boxes";

const INVENTORY: BranchInventory = {
  pool: "169.254.0.0/16" as Cidr,
  gatewayIp: "169.254.1.1" as Ipv4,
  hostIps: ["169.254.1.10" as Ipv4],
  hostMacs: ["02:bd:00:01:0a:01" as Mac],
  guestMacs: ["52:54:00:00:01:0a" as Mac],
};
const table = (...lines: string[]) => parseNeighbours(lines.join("\n")).neighbours;

describe("selectUnknownBoxes: answering boxes that are not in the inventory", () => {
  it("a new box that answered is found, with its MAC", () => {
    const n = table("169.254.1.11 lladdr 02:bd:00:01:0b:01 REACHABLE");
    expect(selectUnknownBoxes(n, [], INVENTORY)).toEqual([{ ip: "169.254.1.11", mac: "02:bd:00:01:0b:01" }]);
  });

  it.each([
    ["an enrolled host's address (whatever its MAC)", "169.254.1.10 lladdr 02:bd:00:01:ff:01 REACHABLE"],
    ["an enrolled host's NIC MAC (at another address)", "169.254.1.50 lladdr 02:bd:00:01:0a:01 REACHABLE"],
    ["an enrolled guest's MAC (APIPA address)", "169.254.33.3 lladdr 52:54:00:00:01:0a REACHABLE"],
    ["the gateway's own address", "169.254.1.1 lladdr 02:bd:00:01:01:01 REACHABLE"],
    ["a routable LAN address (a guest)", "198.51.100.20 lladdr 52:54:00:00:01:99 REACHABLE"],
    ["RFC 3927's broadcast of the pool", "169.254.255.255 lladdr 02:bd:00:01:0e:01 REACHABLE"],
    ["an entry that never answered", "169.254.1.12  FAILED"],
    ["a STALE entry that did not reply now", "169.254.1.13 lladdr 02:bd:00:01:0d:01 STALE"],
    ["a hand-made permanent entry", "169.254.1.14 lladdr 02:bd:00:01:0e:01 PERMANENT"],
  ])("skips %s", (_what, line) => {
    expect(selectUnknownBoxes(table(line), ["169.254.1.14" as Ipv4], INVENTORY)).toEqual([]);
  });

  it("a STALE or DELAY entry that replied to the ping is found (ICMP answered, ARP not re-checked yet)", () => {
    const n = table("169.254.1.13 lladdr 02:bd:00:01:0d:01 DELAY", "169.254.1.12 lladdr 02:bd:00:01:0c:01 STALE");
    const found = selectUnknownBoxes(n, ["169.254.1.13", "169.254.1.12"] as Ipv4[], INVENTORY);
    expect(found.map((b) => b.ip)).toEqual(["169.254.1.12", "169.254.1.13"]);
  });
});

import { describe, expect, it } from "vitest";
import { exportFleet } from "./export-fleet";
import type { FleetSnapshot } from "./fleet-snapshot";
import { countPlan, planChanges } from "./import-plan";
import { parseImport } from "./parse-import";
import { planImport } from "./plan-import";

/** Documentation ranges only: LANs in 198.18.0.0/15, link-local 169.254/16. */
const fleet: FleetSnapshot = {
  branches: [
    {
      id: 1,
      code: "BR-0001",
      name: "Lyon",
      region: "South",
      lanCidr: "198.18.1.0/24",
      linkLocalPool: "169.254.0.0/16",
      gatewayLinkLocalIp: "169.254.1.1",
    },
  ],
  gateways: [
    {
      id: 1,
      branchId: 1,
      hostname: "gw-0001",
      sshAddress: "198.18.1.1",
      sshPort: 22,
      sshUser: "root",
      lanIfname: "eth1",
      lanIp: "198.18.1.1",
      hostKeyFingerprint: null,
    },
  ],
  hosts: [
    {
      id: 10,
      branchId: 1,
      hostname: "br-0001-h01",
      serial: "SN-1",
      nicMac: "00:16:3e:00:00:01",
      bridge: "virbr0",
      linkLocalIp: "169.254.1.2",
      sshUser: "root",
      state: "active",
      hostKeyFingerprint: "SHA256:abc",
    },
  ],
  guests: [
    { id: 20, hostId: 10, branchId: 1, name: "win-01", domain: "win-01", mac: "52:54:00:00:00:01", ip: "198.18.1.10" },
  ],
};

const HEADER =
  "branch_code,branch_name,region,lan_cidr,hostname,serial,nic_mac,link_local_ip," +
  "guest_name,guest_domain,guest_mac,guest_ip";

function plan(csv: string, against: FleetSnapshot = fleet) {
  const parsed = parseImport("csv", csv);
  expect(parsed.errors).toEqual([]);
  return planImport(parsed.rows, against);
}

const errorsOf = (csv: string) => plan(csv).errors.map((e) => [e.row, e.column, e.message]);

describe("planImport", () => {
  it("plans a new branch with hosts and guests as creations", () => {
    const p = plan(
      `${HEADER}\n` +
        "BR-0002,Paris,North,198.18.2.0/24," +
        "br-0002-h01,SN-2,00:16:3e:00:00:02,169.254.1.2,w2,w2,52:54:00:00:00:02,198.18.2.10\n" +
        "BR-0002,,,,br-0002-h02,SN-3,00:16:3e:00:00:03,,w3,w3,52:54:00:00:00:03,198.18.2.11\n",
    );
    expect(p.errors).toEqual([]);
    expect(countPlan(p)).toEqual({
      branches: { create: 1, update: 0, unchanged: 0 },
      gateways: { create: 0, update: 0, unchanged: 0 },
      hosts: { create: 2, update: 0, unchanged: 0 },
      guests: { create: 2, update: 0, unchanged: 0 },
    });
    // The empty link_local_ip is allocated as the form does: the lowest free one, never a typed one.
    expect(p.hosts[1]!.data.linkLocalIp).toBe("169.254.1.0");
  });

  it("an exported fleet re-imports to zero changes (CSV and JSON)", () => {
    for (const format of ["csv", "json"] as const) {
      const parsed = parseImport(format, exportFleet(fleet, format));
      expect(parsed.errors).toEqual([]);
      const p = planImport(parsed.rows, fleet);
      expect(p.errors).toEqual([]);
      expect(planChanges(p)).toBe(0);
    }
  });

  it("an empty cell keeps the fleet's value; a new one is an update of that field only", () => {
    const p = plan("branch_code,hostname,state\nBR-0001,br-0001-h01,retired\n");
    expect(p.errors).toEqual([]);
    expect(p.hosts[0]).toMatchObject({ action: "update", changed: ["state"], id: 10 });
  });

  it.each([
    [
      "a bad value",
      "BR-0001,,,,h9,SN-9,00:16:3e:00:00:09,169.254.1.9,w9,w9,52:54:00:00:00:09,198.18.1.300",
      "guest_ip",
      /198\.18\.1\.300/,
    ],
    [
      "a guest IP outside the LAN",
      "BR-0001,,,,h9,SN-9,00:16:3e:00:00:09,169.254.1.9,w9,w9,52:54:00:00:00:09,198.18.9.9",
      "guest_ip",
      /outside the branch LAN 198\.18\.1\.0\/24/,
    ],
    [
      "a MAC the fleet uses",
      "BR-0001,,,,h9,SN-9,00:16:3e:00:00:01,169.254.1.9,w9,w9,52:54:00:00:00:09,198.18.1.9",
      "nic_mac",
      /already used by host br-0001-h01's NIC/,
    ],
    [
      "a guest MAC the fleet uses",
      "BR-0001,,,,h9,SN-9,00:16:3e:00:00:09,169.254.1.9,w9,w9,52:54:00:00:00:01,198.18.1.9",
      "guest_mac",
      /already used by guest win-01/,
    ],
    [
      "a link-local address taken",
      "BR-0001,,,,h9,SN-9,00:16:3e:00:00:09,169.254.1.2,w9,w9,52:54:00:00:00:09,198.18.1.9",
      "link_local_ip",
      /169\.254\.1\.2 is already used by host br-0001-h01/,
    ],
    [
      "a guest IP taken",
      "BR-0001,,,,h9,SN-9,00:16:3e:00:00:09,169.254.1.9,w9,w9,52:54:00:00:00:09,198.18.1.10",
      "guest_ip",
      /already used by guest win-01/,
    ],
    [
      "the gateway's LAN address",
      "BR-0001,,,,h9,SN-9,00:16:3e:00:00:09,169.254.1.9,w9,w9,52:54:00:00:00:09,198.18.1.1",
      "guest_ip",
      /gateway's LAN address/,
    ],
    [
      "a serial in another case",
      "BR-0001,,,,h9,sn-1,00:16:3e:00:00:09,169.254.1.9,w9,w9,52:54:00:00:00:09,198.18.1.9",
      "serial",
      /already the serial of host br-0001-h01/,
    ],
    [
      "a hostname of a gateway",
      "BR-0001,,,,gw-0001,SN-9,00:16:3e:00:00:09,169.254.1.9,w9,w9,52:54:00:00:00:09,198.18.1.9",
      "hostname",
      /already the name of the gateway of branch BR-0001/,
    ],
    [
      "an unknown branch",
      "BR-0404,,,,h9,SN-9,00:16:3e:00:00:09,169.254.1.9,w9,w9,52:54:00:00:00:09,198.18.1.9",
      "branch_code",
      /unknown branch BR-0404/,
    ],
    [
      "a LAN overlapping another branch",
      "BR-0003,X,Y,198.18.1.128/25,,,,,,,,",
      "lan_cidr",
      /overlaps the LAN 198\.18\.1\.0\/24 of branch BR-0001/,
    ],
    [
      "a missing guest MAC",
      "BR-0001,,,,h9,SN-9,00:16:3e:00:00:09,169.254.1.9,w9,w9,,198.18.1.9",
      "guest_mac",
      /is required for a new guest/,
    ],
    ["a missing serial", "BR-0001,,,,h9,,00:16:3e:00:00:09,169.254.1.9,,,,", "serial", /is required/],
  ])("refuses %s, naming row and column", (_what, line, column, message) => {
    const errors = errorsOf(`${HEADER}\n${line}\n`);
    expect(errors).toContainEqual([2, column, expect.stringMatching(message)]);
  });

  it("an address a retired host still holds is refused as the forms refuse it, and never allocated", () => {
    const owner = "retired host br-0001-h09, held until 2026-12-30 10:00 UTC (cooling-off)";
    const held: FleetSnapshot = {
      ...fleet,
      holds: [
        { kind: "link-local", branchId: 1, value: "169.254.1.0", hostname: "br-0001-h09", owner },
        { kind: "guest-mac", branchId: null, value: "52:54:00:00:00:09", hostname: "br-0001-h09", owner },
      ],
    };
    const csv =
      `${HEADER}\n` +
      "BR-0001,,,,h9,SN-9,00:16:3e:00:00:09,169.254.1.0,w9,w9,52:54:00:00:00:09,198.18.1.9\n" +
      "BR-0001,,,,h8,SN-8,00:16:3e:00:00:08,,,,,\n";
    const p = plan(csv, held);
    expect(p.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, "link_local_ip", `169.254.1.0 is already used by ${owner} in this branch`],
      [2, "guest_mac", `52:54:00:00:00:09 is already used by ${owner}`],
    ]);
    expect(p.hosts.find((h) => h.name === "h8")!.data.linkLocalIp).toBe("169.254.1.3");
  });

  it("a value twice in the file is reported once, on the later row, naming the earlier", () => {
    const errors = errorsOf(
      `${HEADER}\n` +
        "BR-0001,,,,h8,SN-8,00:16:3e:00:00:08,169.254.1.8,w8,w8,52:54:00:00:00:08,198.18.1.8\n" +
        "BR-0001,,,,h9,SN-8,00:16:3e:00:00:08,169.254.1.8,w9,w9,52:54:00:00:00:08,198.18.1.8\n" +
        "BR-0001,,,,h8,SN-7,00:16:3e:00:00:07,169.254.1.7,,,,\n",
    );
    const byColumn = Object.fromEntries(errors.map(([row, column, message]) => [`${row}:${column}`, message]));
    expect(Object.keys(byColumn).sort()).toEqual(
      ["3:guest_ip", "3:guest_mac", "3:link_local_ip", "3:nic_mac", "3:serial", "4:hostname"].sort(),
    );
    expect(byColumn["3:nic_mac"]).toContain("host h8's NIC (row 2)");
    expect(byColumn["4:hostname"]).toContain("already a host on row 2");
  });

  it("rows of one branch must agree on its columns", () => {
    const errors = errorsOf(`${HEADER}\nBR-0001,Lyon,,,,,,,,,,\nBR-0001,Lyon 2,,,,,,,,,,\n`);
    expect(errors).toEqual([[3, "branch_name", expect.stringContaining('"Lyon" on row 2')]]);
  });

  it("does not move a host between branches, nor pin a key", () => {
    const errors = errorsOf(
      "branch_code,branch_name,region,lan_cidr,hostname,host_key_fingerprint\n" +
        "BR-0002,P,N,198.18.2.0/24,br-0001-h01,\nBR-0001,,,,br-0001-h01,SHA256:other\n",
    );
    expect(errors).toEqual([
      [2, "hostname", expect.stringContaining("does not move hosts")],
      [3, "hostname", expect.stringContaining("already a host on row 2")],
    ]);
    const pinned = errorsOf("branch_code,hostname,host_key_fingerprint\nBR-0001,br-0001-h01,SHA256:other\n");
    expect(pinned).toEqual([[2, "host_key_fingerprint", expect.stringContaining("never by an import")]]);
  });

  it("reports every error of a file at once", () => {
    const errors = errorsOf(
      `${HEADER}\n` +
        "BR-0001,,,,h9,SN-9,00:16:3e:00:00:01,169.254.1.2,w9,w9,52:54:00:00:00:09,198.18.9.9\n" +
        ",,,,h10,,,,,,,\n" +
        "BR-0001,,,,Bad_Name!,,,,,,,\n",
    );
    expect(errors.map(([row, column]) => `${row}:${column}`)).toEqual([
      "2:link_local_ip",
      "2:nic_mac",
      "2:guest_ip",
      "3:branch_code",
      "4:hostname",
    ]);
  });
});

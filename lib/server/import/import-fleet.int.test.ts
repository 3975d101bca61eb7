import { afterAll, beforeAll, expect, it } from "vitest";
import { ZImportInput } from "@/lib/domain/import/import-views";
import type { Actor } from "@/lib/server/auth/actor";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeGateway, makeHost } from "@/prisma/seed/factories";
import { auditEventsSince, lastAuditId, rowCounts } from "@/prisma/seed/row-counts";
import { exportFleetFile } from "./export-fleet-file";
import { importFleet } from "./import-fleet";

const admin: Actor = { userId: 1, username: "alice", role: "admin" };

const HEADER =
  "Branch Code;Branch Name;Region;LAN CIDR;Gateway Hostname;Gateway SSH Address;Gateway LAN Ifname;Gateway LAN IP;" +
  "Hostname;Serial;NIC MAC;Link-Local IP;State;Guest Name;Guest Domain;Guest MAC;Guest IP;;";

/** A European-Excel file: BOM, ';', CRLF, a quoted name with a ';' and a newline-free comma, empty trailing columns. */
const good = (n: number) =>
  "\uFEFF" +
  [
    HEADER,
    `BR-${n}1;"Lyon; Part-Dieu, 1st";South;198.19.${n}.0/24;gw-imp-${n};203.0.113.${n};eth1;198.19.${n}.1;` +
      `imp-${n}-h1;SN-IMP-${n}-1;02:11:00:00:${n}:01;169.254.1.2;active;` +
      `win-${n}-1;win-${n}-1;06:11:00:00:${n}:01;198.19.${n}.10;;`,
    `BR-${n}1;;;;;;;;imp-${n}-h2;SN-IMP-${n}-2;02:11:00:00:${n}:02;;;` +
      `win-${n}-2;win-${n}-2;52:54:00:aa:${n}:02;198.19.${n}.11;;`,
    `BR-${n}1;;;;;;;;imp-${n}-h3;SN-IMP-${n}-3;02:11:00:00:${n}:03;169.254.1.4;planned;;;;;;`,
  ].join("\r\n") +
  "\r\n";

const input = (content: string, dryRun: boolean, format: "csv" | "json" = "csv") =>
  ZImportInput.parse({ format, content, dryRun, filename: "fleet.csv" });

describeEachDb("bulk import", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  it("a CSV with every kind of bad row writes nothing and reports every error with its row and column", async () => {
    const branch = await makeBranch({ code: "BR-0500", lanCidr: "198.19.200.0/24" }, t.db);
    await makeGateway(branch, { lanIp: "198.19.200.1" }, t.db);
    const taken = await makeHost(branch, { linkLocalIp: "169.254.9.9" }, t.db);
    const cols =
      "branch_code,branch_name,region,lan_cidr,hostname,serial,nic_mac,link_local_ip,guest_name,guest_mac,guest_ip";
    const guestCols = (mac: string, ip: string) => `w,${mac},${ip}`;
    const csv = [
      `${cols},guest_domain`,
      // 2: a good new host, so the file is not refused for having nothing good in it
      `BR-0500,,,,ok-1,SN-OK-1,02:22:00:00:00:01,169.254.3.1,${guestCols("06:22:00:00:00:01", "198.19.200.20")},w1`,
      // 3: a bad value (guest IP)
      `BR-0500,,,,bad-3,SN-B3,02:22:00:00:00:03,169.254.3.3,${guestCols("06:22:00:00:00:03", "198.19.200.300")},w3`,
      // 4: guest IP outside the LAN
      `BR-0500,,,,bad-4,SN-B4,02:22:00:00:00:04,169.254.3.4,${guestCols("06:22:00:00:00:04", "198.19.201.4")},w4`,
      // 5: a MAC used twice in the file (row 2's NIC)
      `BR-0500,,,,bad-5,SN-B5,02:22:00:00:00:01,169.254.3.5,,,,`,
      // 6: a MAC already used in the fleet
      `BR-0500,,,,bad-6,SN-B6,${taken.nicMac},169.254.3.6,,,,`,
      // 7: a link-local address taken
      `BR-0500,,,,bad-7,SN-B7,02:22:00:00:00:07,169.254.9.9,,,,`,
      // 8: an unknown branch
      `BR-0404,,,,bad-8,SN-B8,02:22:00:00:00:08,169.254.3.8,,,,`,
      // 9: a hostname twice in the file
      `BR-0500,,,,ok-1,SN-B9,02:22:00:00:00:09,169.254.3.9,,,,`,
      // 10: a bad branch code and 11: a bad MAC
      `BR 0500!,,,,bad-10,,,,,,,`,
      `BR-0500,,,,bad-11,SN-B11,not-a-mac,169.254.3.11,,,,`,
    ].join("\n");
    const before = await rowCounts(t.db);
    const preview = await importFleet(admin, input(csv, true));
    const expected = [
      [3, "guest_ip"],
      [4, "guest_ip"],
      [5, "nic_mac"],
      [6, "nic_mac"],
      [7, "link_local_ip"],
      [8, "branch_code"],
      [9, "hostname"],
      [10, "branch_code"],
      [11, "nic_mac"],
    ];
    expect(preview.errors.map((e) => [e.row, e.column])).toEqual(expected);
    expect(preview.errors.map((e) => e.message)).toEqual([
      expect.stringContaining("198.19.200.300"),
      "198.19.201.4 is outside the branch LAN 198.19.200.0/24",
      "02:22:00:00:00:01 is already used by host ok-1's NIC (row 2)",
      `${taken.nicMac} is already used by host ${taken.hostname}'s NIC`,
      `169.254.9.9 is already used by host ${taken.hostname} in this branch`,
      expect.stringContaining("unknown branch BR-0404"),
      "ok-1 is already a host on row 2",
      expect.any(String),
      expect.stringContaining("not-a-mac"),
    ]);
    const commit = await importFleet(admin, input(csv, false)).catch((e) => e);
    expect(commit).toMatchObject({
      code: "validation",
      message: expect.stringContaining("9 errors; nothing was written"),
    });
    expect(Object.keys(commit.fields)).toContain("row 4: guest_ip");
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("a good file commits: an audit event per record and an import event; re-import changes nothing", async () => {
    const csv = good(42);
    const preview = await importFleet(admin, input(csv, true));
    expect(preview.errors).toEqual([]);
    expect(preview).toMatchObject({ committed: false, changes: 7, rows: 3 });
    expect(await t.db.host.count({ where: { hostname: { startsWith: "imp-42-" } } })).toBe(0);

    const since = await lastAuditId(t.db);
    const done = await importFleet(admin, input(csv, false));
    expect(done).toMatchObject({ committed: true, changes: 7 });
    expect(done.counts).toEqual({
      branches: { create: 1, update: 0, unchanged: 0 },
      gateways: { create: 1, update: 0, unchanged: 0 },
      hosts: { create: 3, update: 0, unchanged: 0 },
      guests: { create: 2, update: 0, unchanged: 0 },
    });
    const branch = await t.db.branch.findUniqueOrThrow({
      where: { code: "BR-421" },
      include: { gateway: true, hosts: { include: { guest: true }, orderBy: { hostname: "asc" } } },
    });
    expect(branch.name).toBe("Lyon; Part-Dieu, 1st");
    expect(branch.gateway?.hostname).toBe("gw-imp-42");
    expect(branch.hosts.map((h) => [h.hostname, h.linkLocalIp, h.state, h.guest?.ip ?? null])).toEqual([
      ["imp-42-h1", "169.254.1.2", "active", "198.19.42.10"],
      // No link-local address in the file: the lowest free one of the pool, as the form allocates.
      ["imp-42-h2", "169.254.1.0", "planned", "198.19.42.11"],
      ["imp-42-h3", "169.254.1.4", "planned", null],
    ]);
    expect(await t.db.usedMac.findUnique({ where: { mac: "52:54:00:aa:42:02" } })).not.toBeNull();
    const events = await auditEventsSince(t.db, since);
    expect(events.map((e) => e.action).sort()).toEqual(
      [
        "branch.create",
        "gateway.create",
        "guest.create",
        "guest.create",
        "host.create",
        "host.create",
        "host.create",
        "import",
      ].sort(),
    );
    expect(new Set(events.map((e) => e.requestId)).size).toBe(1);
    const importEvent = events.find((e) => e.action === "import")!;
    expect(importEvent.entityId).toBe(done.digest);
    expect(importEvent.after).toMatchObject({ digest: done.digest, rows: 3, counts: done.counts });
    expect(importEvent.summary).toContain("fleet.csv");

    const counts = await rowCounts(t.db);
    const again = await importFleet(admin, input(csv, false));
    expect(again).toMatchObject({ committed: false, changes: 0, errors: [] });
    expect(again.message).toContain("nothing to change");
    expect(await rowCounts(t.db)).toEqual(counts);
  });

  it("an empty cell keeps a value, a new one updates only that field, audited as an update", async () => {
    await importFleet(admin, input(good(43), false));
    const since = await lastAuditId(t.db);
    const done = await importFleet(
      admin,
      input("branch_code,hostname,state,guest_ip\nBR-431,imp-43-h1,retired,198.19.43.99\n", false),
    );
    expect(done.counts.hosts).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(done.counts.guests).toEqual({ create: 0, update: 1, unchanged: 0 });
    const host = await t.db.host.findUniqueOrThrow({ where: { hostname: "imp-43-h1" }, include: { guest: true } });
    expect([host.state, host.serial, host.guest?.ip, host.guest?.mac]).toEqual([
      "retired",
      "SN-IMP-43-1",
      "198.19.43.99",
      "06:11:00:00:43:01",
    ]);
    const events = await auditEventsSince(t.db, since);
    expect(events.map((e) => e.action)).toEqual(["host.update", "guest.update", "import"]);
    expect(events[0]!.before).toMatchObject({ state: "active" });
  });

  it("an exported branch (CSV and JSON) re-imports to nothing to change", async () => {
    await importFleet(admin, input(good(44), false));
    for (const format of ["csv", "json"] as const) {
      const file = await exportFleetFile(format, "BR-441");
      expect(file.filename).toBe(`branchdesk-BR-441.${format}`);
      const again = await importFleet(admin, input(file.content, true, format));
      expect(again).toMatchObject({ errors: [], changes: 0 });
      expect(again.counts.hosts.unchanged).toBe(3);
    }
  });
});

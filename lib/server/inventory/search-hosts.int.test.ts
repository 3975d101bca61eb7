import { afterAll, beforeAll, expect, it } from "vitest";
import { ZHostSearchQuery } from "@/lib/domain/inventory/host-search";
import { dbProvider } from "@/lib/server/db/db-provider";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeHost } from "@/prisma/seed/factories";
import { searchHosts } from "./search-hosts";

/** hostname and what matched, in the order the search answers. */
async function found(q: string, more: Record<string, string> = {}) {
  const r = await searchHosts(ZHostSearchQuery.parse({ q, ...more }));
  return r.items.map((i) => `${i.hostname} ${i.matched.exact ? "=" : "^"}${i.matched.field}`);
}

describeEachDb("the fleet search finds a desktop by whatever the caller read out", (provider) => {
  let t: TestDb;
  let lanA: string;
  let lanB: string;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    const a = await makeBranch({ code: "SRCH-A", name: "Lyon Part-Dieu" }, t.db);
    const b = await makeBranch({ code: "SRCH-B", name: "Nantes" }, t.db);
    lanA = a.lanCidr.replace(/0\/24$/, "");
    lanB = b.lanCidr.replace(/0\/24$/, "");
    const host = (hostname: string, serial: string, nicMac: string, linkLocalIp: string) => ({
      hostname,
      serial,
      nicMac,
      linkLocalIp,
    });
    await makeHost(a, {
      ...host("br-0042-h01", "SN-42-01", "02:00:00:42:00:01", "169.254.10.1"),
      guest: { name: "WS-LYON-01", domain: "win2k-lyon-01", mac: "52:54:00:aa:bb:01", ip: `${lanA}21` },
    });
    await makeHost(a, {
      ...host("br-0042-h010", "SN-42-010", "02:00:00:42:00:10", "169.254.10.2"),
      guest: { name: "WS-LYON-010", domain: "win2k-lyon-010", mac: "52:54:00:aa:bb:10", ip: `${lanA}210` },
    });
    await makeHost(a, { ...host("br-0042-h02", "sn-lower-03", "02:00:00:42:00:02", "169.254.10.3"), guest: false });
    await makeHost(a, { ...host("sn-42-01-spare", "SPARE-1", "02:00:00:42:00:99", "169.254.10.99"), guest: false });
    // The same link-local address as br-0042-h01: it repeats in every branch.
    await makeHost(b, {
      ...host("br-0043-h01", "SN-43-01", "02:00:00:43:00:01", "169.254.10.1"),
      guest: { name: "Émilie PC", domain: "win2k-nantes-01", mac: "52:54:00:cc:dd:01", ip: `${lanB}21` },
    });
  });
  afterAll(async () => t?.drop());

  it("reads the database's provider from the client (the SQL differs by collation)", () => {
    expect(dbProvider(t.db)).toBe(provider);
  });

  it("answers a host with its branch, guest and the field that matched", async () => {
    const r = await searchHosts(ZHostSearchQuery.parse({ q: "br-0042-h02" }));
    expect(r).toEqual({
      q: "br-0042-h02",
      total: 1,
      page: 1,
      pageSize: 20,
      items: [
        {
          id: expect.any(Number),
          hostname: "br-0042-h02",
          state: "planned",
          serial: "sn-lower-03",
          nicMac: "02:00:00:42:00:02",
          linkLocalIp: "169.254.10.3",
          branch: { code: "SRCH-A", name: "Lyon Part-Dieu" },
          guest: null,
          matched: { field: "hostname", exact: true },
        },
      ],
    });
    const [withGuest] = (await searchHosts(ZHostSearchQuery.parse({ q: "br-0043-h01" }))).items;
    expect(withGuest?.guest).toEqual({
      name: "Émilie PC",
      domain: "win2k-nantes-01",
      mac: "52:54:00:cc:dd:01",
      ip: `${lanB}21`,
    });
  });

  it("hostname: exact before prefix, in any case", async () => {
    const want = ["br-0042-h01 =hostname", "br-0042-h010 ^hostname"];
    expect(await found("br-0042-h01")).toEqual(want);
    expect(await found("BR-0042-H01")).toEqual(want);
  });

  it("guest name and libvirt domain, in any case (ASCII letters fold; others must be typed as stored)", async () => {
    expect(await found("ws-lyon-01")).toEqual(["br-0042-h01 =guestName", "br-0042-h010 ^guestName"]);
    expect(await found("WIN2K-NANTES")).toEqual(["br-0043-h01 ^guestDomain"]);
    expect(await found("émilie pc")).toEqual([]);
    expect(await found("Émilie pc")).toEqual(["br-0043-h01 =guestName"]);
  });

  it("guest IP: the whole address first, then addresses it starts (.21 before .210), then by prefix", async () => {
    expect(await found(`${lanA}21`)).toEqual(["br-0042-h01 =guestIp", "br-0042-h010 ^guestIp"]);
    expect(await found(lanA)).toEqual(["br-0042-h01 ^guestIp", "br-0042-h010 ^guestIp"]);
  });

  it.each(["52:54:00:aa:bb:01", "52:54:00:AA:BB:01", "52-54-00-AA-BB-01", "5254.00aa.bb01", "525400AABB01"])(
    "guest MAC spelt %s",
    async (q) => {
      expect(await found(q)).toEqual(["br-0042-h01 =guestMac"]);
    },
  );

  it("NIC MAC in any spelling, and MACs by their start", async () => {
    expect(await found("02-00-00-43-00-01")).toEqual(["br-0043-h01 =nicMac"]);
    expect(await found("0200.0043.0001")).toEqual(["br-0043-h01 =nicMac"]);
    expect(await found("52:54:00:AA:BB")).toEqual(["br-0042-h01 ^guestMac", "br-0042-h010 ^guestMac"]);
  });

  it("serial in any case; an exact match in any field comes before a prefix match in a stronger one", async () => {
    expect(await found("SN-LOWER-03")).toEqual(["br-0042-h02 =serial"]);
    // sn-42-01 is br-0042-h01's serial exactly, the start of another host's hostname, and of a longer serial.
    expect(await found("sn-42-01")).toEqual([
      "br-0042-h01 =serial",
      "sn-42-01-spare ^hostname",
      "br-0042-h010 ^serial",
    ]);
  });

  it("link-local address: one per branch, each result naming its branch", async () => {
    const r = await searchHosts(ZHostSearchQuery.parse({ q: "169.254.10.1" }));
    expect(r.items.map((i) => [i.hostname, i.branch.code, i.matched])).toEqual([
      ["br-0042-h01", "SRCH-A", { field: "linkLocalIp", exact: true }],
      ["br-0043-h01", "SRCH-B", { field: "linkLocalIp", exact: true }],
    ]);
    expect(await found("169.254.10.")).toHaveLength(5);
  });

  it("a miss is an empty page, not an error", async () => {
    expect(await searchHosts(ZHostSearchQuery.parse({ q: "no-such-desktop" }))).toMatchObject({ total: 0, items: [] });
  });

  it("pages: the total over all pages on each, and past the last page", async () => {
    const all = await found("br-00");
    expect(all).toEqual([
      "br-0042-h01 ^hostname",
      "br-0042-h010 ^hostname",
      "br-0042-h02 ^hostname",
      "br-0043-h01 ^hostname",
    ]);
    const page = async (n: number) =>
      searchHosts(ZHostSearchQuery.parse({ q: "br-00", page: String(n), pageSize: "3" }));
    const [p1, p2, p3] = [await page(1), await page(2), await page(3)];
    expect(p1.items.map((i) => i.hostname)).toEqual(["br-0042-h01", "br-0042-h010", "br-0042-h02"]);
    expect(p2.items.map((i) => i.hostname)).toEqual(["br-0043-h01"]);
    expect(p3.items).toEqual([]);
    expect([p1.total, p2.total, p3.total]).toEqual([4, 4, 4]);
  });
});

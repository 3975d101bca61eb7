import { afterAll, beforeAll, expect, it } from "vitest";
import { ZCreateHostInput, ZUpdateHostInput } from "@/lib/domain/inventory/host-input";
import type { Actor } from "@/lib/server/auth/actor";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { guestInput, hostInput, makeBranch, makeGateway, makeHost } from "@/prisma/seed/factories";
import { auditEventsSince, lastAuditId, rowCounts } from "@/prisma/seed/row-counts";
import { createHost } from "./create-host";
import { deleteHost } from "./delete-host";
import { getHost } from "./get-host";
import { listHosts } from "./list-hosts";
import { updateHost } from "./update-host";

const bob: Actor = { userId: 2, username: "bob", role: "admin" };

describeEachDb("host services", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  const changeHost = async (...args: Parameters<typeof updateHost>) => (await updateHost(...args)).host;

  const addHost = async (...args: Parameters<typeof createHost>) => (await createHost(...args)).host;

  const parse = (over: Record<string, unknown>) => ZCreateHostInput.parse(hostInput(over));

  it("allocates the lowest free link-local address and a 52:54:00 guest MAC, and audits one event", async () => {
    const branch = await makeBranch({}, t.db);
    const since = await lastAuditId(t.db);
    const host = await addHost(bob, branch.code, parse({ guest: guestInput(branch.lanCidr, { mac: undefined }) }));
    expect(host.linkLocalIp).toBe("169.254.1.0");
    expect(host.guest?.mac).toBe("52:54:00:00:00:01");
    const events = await auditEventsSince(t.db, since);
    expect(events).toMatchObject([
      {
        actor: "bob",
        action: "host.create",
        entityType: "host",
        entityId: String(host.id),
        before: null,
        after: { hostname: host.hostname, guest: { mac: "52:54:00:00:00:01" } },
      },
    ]);
  });

  it("ten parallel creations in one branch get ten distinct link-local addresses and guest MACs", async () => {
    const branch = await makeBranch({}, t.db);
    const inputs = Array.from({ length: 10 }, () => parse({ guest: guestInput(branch.lanCidr, { mac: undefined }) }));
    const hosts = await Promise.all(inputs.map((input) => addHost(bob, branch.code, input)));
    expect(new Set(hosts.map((h) => h.linkLocalIp)).size).toBe(10);
    expect(new Set(hosts.map((h) => h.guest!.mac)).size).toBe(10);
    const stored = await t.db.host.findMany({ where: { branchId: branch.id }, select: { linkLocalIp: true } });
    expect(stored.map((h) => h.linkLocalIp).sort()).toEqual(hosts.map((h) => h.linkLocalIp).sort());
    expect(
      await t.db.auditEvent.count({
        where: { action: "host.create", entityId: { in: hosts.map((h) => String(h.id)) } },
      }),
    ).toBe(10);
  });

  it("link-local addresses repeat across branches but never inside one; the gateway's is skipped", async () => {
    const a = await makeBranch({ gatewayLinkLocalIp: "169.254.1.0" }, t.db);
    const b = await makeBranch({}, t.db);
    const [ha, hb] = [await addHost(bob, a.code, parse({})), await addHost(bob, b.code, parse({}))];
    expect(ha.linkLocalIp).toBe("169.254.1.1");
    expect(hb.linkLocalIp).toBe("169.254.1.0");
    const error = await addHost(bob, a.code, parse({ linkLocalIp: "169.254.1.1" })).catch((e) => e);
    expect(error.fields.linkLocalIp).toEqual([`169.254.1.1 is already used by host ${ha.hostname} in this branch`]);
  });

  it("a guest MAC is never issued twice, even after its guest is deleted", async () => {
    const branch = await makeBranch({}, t.db);
    const first = await addHost(bob, branch.code, parse({ guest: guestInput(branch.lanCidr, { mac: undefined }) }));
    await deleteHost(bob, first.id);
    const second = await addHost(bob, branch.code, parse({ guest: guestInput(branch.lanCidr, { mac: undefined }) }));
    expect(second.guest!.mac > first.guest!.mac).toBe(true);
  });

  it("a typed 52:54:00 MAC is skipped by the allocator, even once deleted, without moving its counter", async () => {
    const branch = await makeBranch({}, t.db);
    const typed = await addHost(
      bob,
      branch.code,
      parse({ guest: guestInput(branch.lanCidr, { mac: "52:54:00:00:10:00" }) }),
    );
    await deleteHost(bob, typed.id);
    const before = (await t.db.counter.findUniqueOrThrow({ where: { name: "guest-mac" } })).value;
    const next = await addHost(bob, branch.code, parse({ guest: guestInput(branch.lanCidr, { mac: undefined }) }));
    expect(next.guest!.mac).toBe(`52:54:00:00:00:${(before + 1).toString(16).padStart(2, "0")}`);
    expect(await t.db.usedMac.count({ where: { mac: "52:54:00:00:10:00" } })).toBe(1);
  });

  it("bad input reports every problem at once and writes nothing", async () => {
    const branch = await makeBranch({ lanCidr: "192.0.2.0/24" }, t.db);
    await makeGateway(branch, { lanIp: "192.0.2.1" }, t.db);
    const other = await makeHost(branch, { linkLocalIp: "169.254.3.3" }, t.db);
    const before = await rowCounts(t.db);
    const input = parse({
      hostname: other.hostname,
      nicMac: other.guest!.mac,
      linkLocalIp: "169.254.1.1",
      guest: { name: "w", domain: "w", mac: other.nicMac, ip: "198.51.100.20" },
    });
    const error = await addHost(bob, branch.code, input).catch((e) => e);
    expect(error).toMatchObject({ code: "validation" });
    expect(Object.keys(error.fields).sort()).toEqual(["guest.ip", "guest.mac", "hostname", "linkLocalIp", "nicMac"]);
    expect(error.fields["guest.ip"]).toEqual(["198.51.100.20 is outside the branch LAN 192.0.2.0/24"]);
    expect(error.message).toContain("guest.ip: 198.51.100.20 is outside");
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("MACs are unique fleet-wide: a host NIC may not reuse another branch's guest MAC", async () => {
    const [a, b] = [await makeBranch({}, t.db), await makeBranch({}, t.db)];
    const taken = await makeHost(a, {}, t.db);
    const error = await addHost(bob, b.code, parse({ nicMac: taken.guest!.mac })).catch((e) => e);
    expect(error.fields.nicMac[0]).toContain(`is already used by guest ${taken.guest!.name} (host ${taken.hostname})`);
  });

  it("an unknown branch is 404 and writes nothing", async () => {
    const before = await rowCounts(t.db);
    await expect(addHost(bob, "BR-77777777", parse({}))).rejects.toMatchObject({ code: "not_found" });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("updates are re-checked as a whole and audited with before and after", async () => {
    const branch = await makeBranch({}, t.db);
    const [h1, h2] = [await makeHost(branch, {}, t.db), await makeHost(branch, {}, t.db)];
    const refused = await changeHost(
      bob,
      h2.id,
      ZUpdateHostInput.parse({ linkLocalIp: h1.linkLocalIp, nicMac: h1.nicMac }),
    ).catch((e) => e);
    expect(Object.keys(refused.fields).sort()).toEqual(["linkLocalIp", "nicMac"]);
    const since = await lastAuditId(t.db);
    const updated = await changeHost(bob, h2.id, ZUpdateHostInput.parse({ state: "active", bridge: "br0" }));
    expect(updated).toMatchObject({ state: "active", bridge: "br0", linkLocalIp: h2.linkLocalIp });
    expect(await auditEventsSince(t.db, since)).toMatchObject([
      {
        action: "host.update",
        before: { state: "planned", bridge: "virbr0" },
        after: { state: "active", bridge: "br0" },
      },
    ]);
  });

  it("deleting a host deletes its guest with it, in one audited change", async () => {
    const branch = await makeBranch({}, t.db);
    const host = await makeHost(branch, {}, t.db);
    const since = await lastAuditId(t.db);
    await deleteHost(bob, host.id);
    expect(await t.db.guest.count({ where: { hostId: host.id } })).toBe(0);
    expect(await auditEventsSince(t.db, since)).toMatchObject([
      { action: "host.delete", before: { id: host.id, guest: { ip: host.guest!.ip } }, after: null },
    ]);
    await expect(getHost(host.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("getHost and listHosts read hosts with guests and branch context; listHosts filters", async () => {
    const branch = await makeBranch({}, t.db);
    await makeGateway(branch, {}, t.db);
    const host = await makeHost(branch, {}, t.db);
    await makeHost(branch, { state: "retired", guest: false }, t.db);
    const detail = await getHost(host.id);
    expect(detail.branch).toMatchObject({ code: branch.code, gateway: expect.objectContaining({ lanIfname: "eth1" }) });
    expect(await listHosts(branch.code, {})).toHaveLength(2);
    expect(await listHosts(branch.code, { state: "retired" })).toHaveLength(1);
    expect(await listHosts(branch.code, { q: host.guest!.ip })).toEqual([expect.objectContaining({ id: host.id })]);
  });
});

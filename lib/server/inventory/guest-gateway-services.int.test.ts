import { afterAll, beforeAll, expect, it } from "vitest";
import { ZGatewayInput } from "@/lib/domain/inventory/gateway-input";
import { ZGuestInput } from "@/lib/domain/inventory/guest-input";
import type { Actor } from "@/lib/server/auth/actor";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { gatewayInput, guestInput, makeBranch, makeGateway, makeHost } from "@/prisma/seed/factories";
import { auditedIn, rowCounts } from "@/prisma/seed/row-counts";
import { deleteGateway } from "./delete-gateway";
import { deleteGuest } from "./delete-guest";
import { getGateway } from "./get-gateway";
import { saveGateway } from "./save-gateway";
import { saveGuest } from "./save-guest";

const carol: Actor = { userId: 3, username: "carol", role: "admin" };

describeEachDb("gateway and guest services", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  const audited = (mutation: () => Promise<unknown>) => auditedIn(t.db, mutation);

  it("PUT gateway creates, then replaces, each audited once with before/after", async () => {
    const branch = await makeBranch({ lanCidr: "198.51.100.0/24" }, t.db);
    const created = await audited(() =>
      saveGateway(carol, branch.code, ZGatewayInput.parse(gatewayInput(branch.lanCidr, { hostname: "gw-0042" }))),
    );
    expect(created).toMatchObject([
      {
        actor: "carol",
        action: "gateway.create",
        entityType: "gateway",
        entityId: branch.code,
        before: null,
        after: { hostname: "gw-0042", lanIp: "198.51.100.1", sshPort: 22 },
      },
    ]);
    const changed = await audited(() =>
      saveGateway(
        carol,
        branch.code,
        ZGatewayInput.parse(
          gatewayInput(branch.lanCidr, { hostname: "gw-0042", lanIp: "198.51.100.254", sshPort: 2222 }),
        ),
      ),
    );
    expect(changed).toMatchObject([
      {
        action: "gateway.update",
        before: { lanIp: "198.51.100.1" },
        after: { lanIp: "198.51.100.254", sshPort: 2222 },
      },
    ]);
    expect(await getGateway(branch.code)).toMatchObject({ lanIp: "198.51.100.254" });
    expect(await t.db.gateway.count({ where: { branchId: branch.id } })).toBe(1);
  });

  it("a gateway outside the LAN, on a guest's IP or named like a host is refused and writes nothing", async () => {
    const branch = await makeBranch({}, t.db);
    const host = await makeHost(branch, {}, t.db);
    const before = await rowCounts(t.db);
    const outside = await saveGateway(
      carol,
      branch.code,
      ZGatewayInput.parse(gatewayInput(branch.lanCidr, { lanIp: "203.0.113.1", hostname: host.hostname })),
    ).catch((e) => e);
    expect(outside.fields).toEqual({
      lanIp: [`203.0.113.1 is outside the branch LAN ${branch.lanCidr}`],
      hostname: [`${host.hostname} is already the name of host ${host.hostname} (branch ${branch.code})`],
    });
    const onGuest = await saveGateway(
      carol,
      branch.code,
      ZGatewayInput.parse(gatewayInput(branch.lanCidr, { lanIp: host.guest!.ip })),
    ).catch((e) => e);
    expect(onGuest.fields.lanIp[0]).toContain(`already used by guest ${host.guest!.name}`);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("deleting the gateway is audited; a branch without one answers 404", async () => {
    const branch = await makeBranch({}, t.db);
    const gw = await makeGateway(branch, {}, t.db);
    expect(await audited(() => deleteGateway(carol, branch.code))).toMatchObject([
      { action: "gateway.delete", before: { hostname: gw.hostname }, after: null },
    ]);
    await expect(getGateway(branch.code)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteGateway(carol, branch.code)).rejects.toMatchObject({ code: "not_found" });
  });

  it("PUT guest creates with an allocated MAC, an edit without mac keeps it, and each change is audited", async () => {
    const branch = await makeBranch({}, t.db);
    const host = await makeHost(branch, { guest: false }, t.db);
    const input = guestInput(branch.lanCidr, { mac: undefined });
    const created = await audited(() => saveGuest(carol, host.id, ZGuestInput.parse(input)));
    expect(created).toMatchObject([
      {
        action: "guest.create",
        entityType: "guest",
        entityId: String(host.id),
        after: { mac: expect.stringMatching(/^52:54:00:/) },
      },
    ]);
    const mac = created[0]!.after.mac;
    const edited = await audited(() => saveGuest(carol, host.id, ZGuestInput.parse({ ...input, name: "renamed" })));
    expect(edited).toMatchObject([
      { action: "guest.update", before: { mac, name: input.name }, after: { mac, name: "renamed" } },
    ]);
    expect(await t.db.guest.count({ where: { hostId: host.id } })).toBe(1);
  });

  it(
    "a guest IP outside the LAN, on the gateway or on another guest, " + "and a MAC in use are all reported at once",
    async () => {
      const branch = await makeBranch({ lanCidr: "198.18.200.0/24" }, t.db);
      await makeGateway(branch, { lanIp: "198.18.200.1" }, t.db);
      const other = await makeHost(branch, {}, t.db);
      const host = await makeHost(branch, { guest: false }, t.db);
      const before = await rowCounts(t.db);
      for (const [ip, problem] of [
        ["198.18.201.5", "outside the branch LAN 198.18.200.0/24"],
        ["198.18.200.1", "the gateway's LAN address"],
        ["198.18.200.255", "broadcast address"],
        [other.guest!.ip, `already used by guest ${other.guest!.name}`],
      ] as const) {
        const error = await saveGuest(
          carol,
          host.id,
          ZGuestInput.parse({ name: "w", domain: "w", ip, mac: other.nicMac }),
        ).catch((e) => e);
        expect(error.fields.ip.join()).toContain(problem);
        expect(error.fields.mac.join()).toContain(`already used by host ${other.hostname}'s NIC`);
      }
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it("deleting a guest is audited; a host without one answers 404", async () => {
    const branch = await makeBranch({}, t.db);
    const host = await makeHost(branch, {}, t.db);
    expect(await audited(() => deleteGuest(carol, host.id))).toMatchObject([
      { action: "guest.delete", before: { ip: host.guest!.ip }, after: null },
    ]);
    await expect(deleteGuest(carol, host.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

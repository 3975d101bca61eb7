import { afterAll, beforeAll, expect, it } from "vitest";
import { ZCreateHostInput, ZUpdateHostInput } from "@/lib/domain/inventory/host-input";
import { ZGuestInput } from "@/lib/domain/inventory/guest-input";
import { bigIntToMac, macToBigInt, type Mac } from "@/lib/domain/values/mac";
import type { Actor } from "@/lib/server/auth/actor";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { guestInput, hostInput, makeBranch } from "@/prisma/seed/factories";
import { rowCounts } from "@/prisma/seed/row-counts";
import { createHost } from "./create-host";
import { deleteGuest } from "./delete-guest";
import { deleteHost } from "./delete-host";
import { saveGuest } from "./save-guest";
import { updateHost } from "./update-host";

const bob: Actor = { userId: 2, username: "bob", role: "admin" };
const plus = (mac: string, n: number) => bigIntToMac(macToBigInt(mac as Mac) + BigInt(n));

describeEachDb("guest MAC allocation over a fleet's history", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  const changeHost = async (...args: Parameters<typeof updateHost>) => (await updateHost(...args)).host;

  const addHost = async (...args: Parameters<typeof createHost>) => (await createHost(...args)).host;

  const newHost = async (branchCode: string, lanCidr: string, guestMac?: string) =>
    addHost(bob, branchCode, ZCreateHostInput.parse(hostInput({ guest: guestInput(lanCidr, { mac: guestMac }) })));

  it("a guest typed 52:54:00:ff:ff:ff, even once deleted, leaves every other MAC to the allocator", async () => {
    const branch = await makeBranch({}, t.db);
    const typed = await newHost(branch.code, branch.lanCidr, "52:54:00:ff:ff:ff");
    await deleteHost(bob, typed.id);
    const next = await newHost(branch.code, branch.lanCidr);
    expect(next.guest!.mac).toBe("52:54:00:00:00:01");
    expect((await newHost(branch.code, branch.lanCidr)).guest!.mac).toBe("52:54:00:00:00:02");
  });

  it(
    "a MAC once written, allocated or typed, host NIC or guest, " + "is never issued again after its record is deleted",
    async () => {
      const branch = await makeBranch({}, t.db);
      const allocated = await newHost(branch.code, branch.lanCidr);
      const mark = allocated.guest!.mac;
      const typedGuest = await newHost(branch.code, branch.lanCidr, plus(mark, 1));
      const typedNic = await addHost(bob, branch.code, ZCreateHostInput.parse(hostInput({ nicMac: plus(mark, 2) })));
      const renamed = await addHost(bob, branch.code, ZCreateHostInput.parse(hostInput({})));
      await changeHost(bob, renamed.id, ZUpdateHostInput.parse({ nicMac: plus(mark, 3) }));
      await changeHost(bob, renamed.id, ZUpdateHostInput.parse({ nicMac: "02:00:5e:00:00:01" }));
      for (const h of [allocated, typedGuest, typedNic]) await deleteHost(bob, h.id);
      expect((await newHost(branch.code, branch.lanCidr)).guest!.mac).toBe(plus(mark, 4));
      const stored = await t.db.usedMac.findMany({ where: { mac: { in: [0, 1, 2, 3].map((n) => plus(mark, n)) } } });
      expect(stored).toHaveLength(4);
    },
  );

  it("a guest replaced or deleted through its own route keeps its MAC out of later allocations", async () => {
    const branch = await makeBranch({}, t.db);
    const host = await addHost(bob, branch.code, ZCreateHostInput.parse(hostInput({})));
    const first = await saveGuest(bob, host.id, ZGuestInput.parse(guestInput(branch.lanCidr, { mac: undefined })));
    await saveGuest(bob, host.id, ZGuestInput.parse(guestInput(branch.lanCidr, { mac: plus(first.mac, 1) })));
    await deleteGuest(bob, host.id);
    expect((await saveGuest(bob, host.id, ZGuestInput.parse(guestInput(branch.lanCidr, { mac: undefined })))).mac).toBe(
      plus(first.mac, 2),
    );
  });

  it(
    "when the counter is at the top (a fleet hit by the old bug), " +
      "allocation wraps around to the lowest MAC never used",
    async () => {
      const branch = await makeBranch({}, t.db);
      await t.db.counter.upsert({
        where: { name: "guest-mac" },
        create: { name: "guest-mac", value: 0xffffff },
        update: { value: 0xffffff },
      });
      const used = await t.db.usedMac.findMany({
        where: { mac: { startsWith: "52:54:00:" } },
        orderBy: { mac: "asc" },
      });
      let lowest = "52:54:00:00:00:01";
      for (const u of used) if (u.mac === lowest) lowest = plus(lowest, 1);
      const next = await newHost(branch.code, branch.lanCidr);
      expect(next.guest!.mac).toBe(lowest);
      expect((await t.db.counter.findUniqueOrThrow({ where: { name: "guest-mac" } })).value).toBe(
        Number(macToBigInt(lowest as Mac) & 0xffffffn),
      );
    },
  );

  it("a refused creation records no MAC and leaves the counter alone", async () => {
    const branch = await makeBranch({}, t.db);
    const before = await rowCounts(t.db);
    const bad = ZCreateHostInput.parse(
      hostInput({ nicMac: "52:54:00:aa:00:01", guest: guestInput("192.0.2.0/24", { mac: undefined }) }),
    );
    await expect(addHost(bob, branch.code, bad)).rejects.toMatchObject({ code: "validation" });
    expect(await rowCounts(t.db)).toEqual(before);
    expect(await t.db.usedMac.count({ where: { mac: "52:54:00:aa:00:01" } })).toBe(0);
  });
});

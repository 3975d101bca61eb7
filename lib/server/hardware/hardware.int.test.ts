import { afterAll, beforeAll, expect, it } from "vitest";
import { ZReplaceHardwareInput, ZRetireHostInput } from "@/lib/domain/hardware/hardware-input";
import { ZCreateHostInput } from "@/lib/domain/inventory/host-input";
import type { Actor } from "@/lib/server/auth/actor";
import { AppError } from "@/lib/server/errors/app-error";
import { createHost } from "@/lib/server/inventory/create-host";
import { deleteHost } from "@/lib/server/inventory/delete-host";
import { saveGuest } from "@/lib/server/inventory/save-guest";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeGateway, makeHost } from "@/prisma/seed/factories";
import { getHostLifecycle } from "./get-host-lifecycle";
import { replaceHostHardware } from "./replace-host-hardware";
import { retireHost } from "./retire-host";

const admin: Actor = { userId: 1, username: "alice", role: "admin" };

async function refusal(run: Promise<unknown>): Promise<AppError> {
  const e = await run.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describeEachDb("hardware swap and retirement (issue 11)", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  it("a swap keeps guest IP, guest MAC, link-local; unpins the old key; keeps the old box in history", async () => {
    const branch = await makeBranch({}, t.db);
    const key = { hostKeyFingerprint: "SHA256:oldkey", hostPublicKey: "ssh-ed25519 AAAAold" };
    const host = await makeHost(branch, { linkLocalIp: "169.254.1.20", ...key }, t.db);
    const input = ZReplaceHardwareInput.parse({ serial: "NEW-SN-1", nicMac: "02:00:00:aa:bb:01", reason: "RMA 4711" });
    const r = await replaceHostHardware(admin, host.id, input);
    expect(r.host).toMatchObject({ serial: "NEW-SN-1", nicMac: "02:00:00:aa:bb:01", linkLocalIp: "169.254.1.20" });
    expect(r.host.hostKeyFingerprint).toBeNull();
    expect(r.host.guest).toMatchObject({ ip: host.guest!.ip, mac: host.guest!.mac });
    expect(r.next).toMatch(/Trust the new box's host key/);
    const row = await t.db.host.findUniqueOrThrow({ where: { id: host.id } });
    expect(row.hostPublicKey).toBeNull();
    const life = await getHostLifecycle(host.id);
    expect(life.hardware).toEqual([
      expect.objectContaining({
        serial: host.serial,
        nicMac: host.nicMac,
        hostKeyFingerprint: "SHA256:oldkey",
        replacedBy: "alice",
        reason: "RMA 4711",
        installedAt: host.createdAt.toISOString(),
      }),
    ]);
    // A second swap: the first replacement's hardware was installed when the first swap happened.
    await replaceHostHardware(
      admin,
      host.id,
      ZReplaceHardwareInput.parse({ serial: "NEW-SN-2", nicMac: "02:00:00:aa:bb:02" }),
    );
    const again = await getHostLifecycle(host.id);
    expect(again.hardware.map((h) => h.serial)).toEqual(["NEW-SN-1", host.serial]);
    expect(again.hardware[0]!.installedAt).toBe(life.hardware[0]!.replacedAt);
    const events = await t.db.auditEvent.findMany({
      where: { action: "host.replace-hardware", entityId: String(host.id) },
    });
    expect(events).toHaveLength(2);
  });

  it("a swap to the same box, or to another host's serial, is refused and writes nothing", async () => {
    const branch = await makeBranch({}, t.db);
    const host = await makeHost(branch, {}, t.db);
    const other = await makeHost(branch, {}, t.db);
    const same = ZReplaceHardwareInput.parse({ serial: host.serial.toLowerCase(), nicMac: host.nicMac });
    expect((await refusal(replaceHostHardware(admin, host.id, same))).fields.serial).toBeDefined();
    const taken = ZReplaceHardwareInput.parse({ serial: other.serial, nicMac: "02:00:00:aa:cc:01" });
    expect((await refusal(replaceHostHardware(admin, host.id, taken))).message).toMatch(/already the serial of/);
    expect(await t.db.hostHardware.count({ where: { hostId: host.id } })).toBe(0);
  });

  it("retire: marks the host retired, starts the branch rollout, holds link-local and guest MAC", async () => {
    const branch = await makeBranch({}, t.db);
    await makeGateway(branch, {}, t.db);
    const started: string[] = [];
    const start = async (_: Actor, code: string) => (started.push(code), { id: 4242 });
    const host = await makeHost(branch, { linkLocalIp: "169.254.1.30" }, t.db);
    const now = new Date();
    const r = await retireHost(admin, host.id, ZRetireHostInput.parse({ reason: "desk closed" }), {
      start,
      now,
      days: 30,
    });
    expect(started).toEqual([branch.code]);
    expect(r).toMatchObject({ host: { state: "retired" }, rollout: { id: 4242 }, rolloutError: null });
    const until = new Date(now.getTime() + 30 * 86_400_000).toISOString();
    expect(r.holds).toEqual([
      { kind: "link-local", value: "169.254.1.30", until },
      { kind: "guest-mac", value: host.guest!.mac, until },
    ]);
    expect((await refusal(retireHost(admin, host.id, ZRetireHostInput.parse({}), { start }))).status).toBe(409);

    // Deleting the retired row does not end the hold: a form and the allocator both stay away.
    await deleteHost(admin, host.id);
    const typed = ZCreateHostInput.parse({
      hostname: "reuse-h1",
      serial: "REUSE-1",
      nicMac: "02:00:00:ee:00:01",
      linkLocalIp: "169.254.1.30",
    });
    const held = await refusal(createHost(admin, branch.code, typed));
    expect(held.fields.linkLocalIp?.[0]).toMatch(/retired host .* held until .* \(cooling-off\)/);
    const other = await makeHost(branch, { guest: false }, t.db);
    const guest = {
      name: "WIN-REUSE",
      domain: "win-reuse",
      mac: host.guest!.mac as never,
      ip: host.guest!.ip as never,
    };
    expect((await refusal(saveGuest(admin, other.id, guest))).fields.mac?.[0]).toMatch(/held until/);

    // The period over (the hold moved into the past), the address may be typed again.
    await t.db.addressHold.updateMany({ where: { hostId: host.id }, data: { until: new Date(now.getTime() - 1000) } });
    const reused = await createHost(admin, branch.code, typed);
    expect(reused.host.linkLocalIp).toBe("169.254.1.30");
    expect((await saveGuest(admin, other.id, guest)).mac).toBe(host.guest!.mac);
  });

  it("the link-local allocator skips an address still cooling off", async () => {
    const branch = await makeBranch({}, t.db);
    const first = await createHost(
      admin,
      branch.code,
      ZCreateHostInput.parse({ hostname: "alloc-h1", serial: "ALLOC-1", nicMac: "02:00:00:ee:01:01" }),
    );
    await retireHost(admin, first.host.id, ZRetireHostInput.parse({}), { days: 30 });
    await deleteHost(admin, first.host.id);
    const next = await createHost(
      admin,
      branch.code,
      ZCreateHostInput.parse({ hostname: "alloc-h2", serial: "ALLOC-2", nicMac: "02:00:00:ee:01:02" }),
    );
    expect(next.host.linkLocalIp).not.toBe(first.host.linkLocalIp);
  });

  it("retire without a gateway: retired, no rollout, and the answer says why", async () => {
    const branch = await makeBranch({}, t.db);
    const host = await makeHost(branch, { guest: false }, t.db);
    const r = await retireHost(admin, host.id, ZRetireHostInput.parse({}), { days: 0 });
    expect(r).toMatchObject({ rollout: null, holds: [] });
    expect(r.rolloutError).toMatch(/has no gateway/);
  });
});

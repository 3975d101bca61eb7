import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeHost } from "@/prisma/seed/factories";
import { writeTransaction } from "./write-transaction";

describeEachDb("writeTransaction", (provider) => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb(provider); installTestDb(t); });
  afterAll(async () => t.drop());

  const onLinkLocal = { retryOnUnique: (v: { model: string; fields: string[] }) => v.model === "Host" && v.fields.includes("linkLocalIp") };

  it("re-runs the whole transaction when the allocated link-local address was taken (P2002 on branchId+linkLocalIp)", async () => {
    const branch = await makeBranch({}, t.db);
    const winner = await makeHost(branch, { linkLocalIp: "169.254.1.0", guest: false }, t.db);
    let attempts = 0;
    const row = await writeTransaction(async (tx) => {
      attempts++;
      // First attempt plays the loser of a race: it picked the address the winner just took.
      const linkLocalIp = attempts === 1 ? winner.linkLocalIp : "169.254.1.2";
      return tx.host.create({ data: { branchId: branch.id, hostname: "racer", serial: "RACER-1", nicMac: "02:ff:00:00:00:01", linkLocalIp } });
    }, onLinkLocal);
    expect(attempts).toBe(2);
    expect(row.linkLocalIp).toBe("169.254.1.2");
  });

  it("does not retry other unique violations, and a failed attempt leaves nothing behind", async () => {
    const branch = await makeBranch({}, t.db);
    const existing = await makeHost(branch, { guest: false }, t.db);
    let attempts = 0;
    const before = await t.db.auditEvent.count();
    const error = await writeTransaction(async (tx) => {
      attempts++;
      await tx.auditEvent.create({ data: { actor: "t", action: "test", entityType: "host", summary: "must roll back" } });
      await tx.host.create({ data: { branchId: branch.id, hostname: existing.hostname, serial: "OTHER-1", nicMac: "02:ff:00:00:00:02", linkLocalIp: "169.254.9.9" } });
    }, onLinkLocal).catch((e) => e);
    expect(error).toMatchObject({ code: "P2002" });
    expect(attempts).toBe(1);
    expect(await t.db.auditEvent.count()).toBe(before);
  });
});

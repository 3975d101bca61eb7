import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, describeEachDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeHost } from "./seed/factories";

/** The statements of the UsedMac migration that fill the table from the data already there. */
function backfill(provider: string): string[] {
  const dir = path.join(__dirname, provider, "migrations");
  const name = readdirSync(dir).find((d) => d.endsWith("_used_mac"))!;
  const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
  return sql
    .slice(sql.indexOf("-- Remember"))
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => /\bINSERT\b/.test(s));
}

describeEachDb("the UsedMac migration remembers every 52:54:00 MAC the fleet holds or held", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => t.drop());

  it("from live hosts and guests, and from the before and after of host and guest audit events", async () => {
    const branch = await makeBranch({}, t.db);
    await makeHost(branch, { nicMac: "52:54:00:0a:00:01", guest: { mac: "52:54:00:0a:00:02" } }, t.db);
    await makeHost(branch, { nicMac: "02:00:00:0a:00:09", guest: { mac: "06:00:00:0a:00:09" } }, t.db);
    const event = (entityType: string, before: unknown, after: unknown) => ({
      actor: "alice",
      action: `${entityType}.x`,
      entityType,
      entityId: "1",
      summary: "s",
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    });
    await t.db.auditEvent.createMany({
      data: [
        event("guest", { mac: "52:54:00:0a:00:03" }, null),
        event("host", { nicMac: "52:54:00:0a:00:04", guest: null }, { nicMac: "02:00:00:0a:00:08", guest: null }),
        event("host", { nicMac: "02:00:00:0a:00:07", guest: { mac: "52:54:00:0a:00:05" } }, null),
        event("host", null, { nicMac: "52:54:00:0a:00:06", guest: { mac: "52:54:00:0a:00:02" } }),
        event("branch", { mac: "52:54:00:0a:00:99" }, null),
      ],
    });
    await t.db.usedMac.deleteMany();
    for (const statement of backfill(provider)) await t.db.$executeRawUnsafe(statement);
    const used = (await t.db.usedMac.findMany({ orderBy: { mac: "asc" } })).map((u) => u.mac);
    expect(used).toEqual(["01", "02", "03", "04", "05", "06"].map((n) => `52:54:00:0a:00:${n}`));
  });
});

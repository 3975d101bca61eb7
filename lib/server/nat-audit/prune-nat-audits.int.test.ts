import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { natRule, seedNatAudit } from "@/prisma/seed/nat-audits";
import { natAuditRetention, pruneNatAudits } from "./prune-nat-audits";

vi.mock("server-only", () => ({}));

const DAY = 86_400_000;
const NOW = new Date("2026-11-30T12:00:00Z");
const rules = [
  natRule({ text: "[1:60] -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE", class: "foreign" }),
];

describeEachDb("NAT audit retention: older than the days AND beyond the newest N per box", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t?.drop());

  it("keeps the newest N and everything recent; unlinks a kept audit from a deleted previous one", async () => {
    const seed = async (box: string, daysAgo: number, previousId: number | null = null) =>
      seedNatAudit(t.db, {
        box,
        boxName: box,
        branchCode: "BR-0001",
        at: new Date(NOW.getTime() - daysAgo * DAY),
        rules,
        previousId,
      });
    // gateway:1: five audits, 100..20 days old; gateway:2: one audit a year old (its only one).
    let prev: number | null = null;
    const ids: number[] = [];
    for (const d of [100, 80, 60, 40, 20]) ids.push((prev = await seed("gateway:1", d, prev)));
    const lone = await seed("gateway:2", 365);
    const gone = await pruneNatAudits(t.db, ["gateway:1", "gateway:2", "gateway:1"], NOW, {
      keepDays: 50,
      keepPerBox: 2,
    });
    // 100, 80, 60 days are past 50 days and not among the two newest; 40 is recent; gateway:2's only one stays.
    expect(gone).toBe(3);
    const left = await t.db.natAudit.findMany({ orderBy: { id: "asc" }, select: { id: true, previousId: true } });
    expect(left).toEqual([
      { id: ids[3], previousId: null },
      { id: ids[4], previousId: ids[3] },
      { id: lone, previousId: null },
    ]);
    expect(await pruneNatAudits(t.db, ["gateway:1"], NOW, { keepDays: 1, keepPerBox: 1 })).toBe(1);
  });

  it("retention comes from the environment, with defaults for missing or bad values", () => {
    expect(natAuditRetention({})).toEqual({ keepDays: 400, keepPerBox: 200 });
    const env = { BRANCHDESK_NAT_AUDIT_KEEP_DAYS: "30", BRANCHDESK_NAT_AUDIT_KEEP_PER_BOX: "0" };
    expect(natAuditRetention(env)).toEqual({ keepDays: 30, keepPerBox: 200 });
  });
});

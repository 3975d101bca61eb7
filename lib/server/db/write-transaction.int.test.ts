import { afterAll, beforeAll, expect, it } from "vitest";
import { runWithRequestId } from "@/lib/server/request-context";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeHost } from "@/prisma/seed/factories";
import { auditedIn, auditEventsSince, lastAuditId } from "@/prisma/seed/row-counts";
import { writeTransaction } from "./write-transaction";

const carol = { username: "carol" };

describeEachDb("writeTransaction", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  const onLinkLocal = {
    retryOnUnique: (v: { model: string; fields: string[] }) => v.model === "Host" && v.fields.includes("linkLocalIp"),
  };

  it(
    "re-runs the whole transaction when the allocated link-local address was taken (P2002 on " +
      "branchId+linkLocalIp); the retry's events are written once",
    async () => {
      const branch = await makeBranch({}, t.db);
      const winner = await makeHost(branch, { linkLocalIp: "169.254.1.0", guest: false }, t.db);
      let attempts = 0;
      const since = await lastAuditId(t.db);
      const row = await writeTransaction(
        carol,
        async (tx, audit) => {
          attempts++;
          // First attempt plays the loser of a race: it picked the address the winner just took.
          const linkLocalIp = attempts === 1 ? winner.linkLocalIp : "169.254.1.2";
          audit({ type: "host", id: attempts }, null, { linkLocalIp }, `attempt ${attempts}`);
          return tx.host.create({
            data: {
              branchId: branch.id,
              hostname: "racer",
              serial: "RACER-1",
              nicMac: "02:ff:00:00:00:01",
              linkLocalIp,
            },
          });
        },
        onLinkLocal,
      );
      expect(attempts).toBe(2);
      expect(row.linkLocalIp).toBe("169.254.1.2");
      expect((await auditEventsSince(t.db, since)).map((e) => e.summary)).toEqual(["attempt 2"]);
    },
  );

  it("does not retry other unique violations; a failed attempt leaves nothing, its events included", async () => {
    const branch = await makeBranch({}, t.db);
    const existing = await makeHost(branch, { guest: false }, t.db);
    let attempts = 0;
    const before = await t.db.auditEvent.count();
    const error = await writeTransaction(
      carol,
      async (tx, audit) => {
        attempts++;
        audit({ type: "host", id: null }, null, {}, "must roll back");
        await tx.host.create({
          data: {
            branchId: branch.id,
            hostname: existing.hostname,
            serial: "OTHER-1",
            nicMac: "02:ff:00:00:00:02",
            linkLocalIp: "169.254.9.9",
          },
        });
      },
      onLinkLocal,
    ).catch((e) => e);
    expect(error).toMatchObject({ code: "P2002" });
    expect(attempts).toBe(1);
    expect(await t.db.auditEvent.count()).toBe(before);
  });

  it("an event names the actor, the action (from the snapshots, or the one given) and the changes", async () => {
    const events = await auditedIn(t.db, () =>
      writeTransaction(carol, async (_tx, audit) => {
        audit({ type: "branch", id: "BR-0001" }, null, { name: "a" }, "created");
        audit({ type: "branch", id: "BR-0001" }, { name: "a" }, { name: "b" }, "changed");
        audit({ type: "branch", id: "BR-0001" }, { name: "b" }, null, "deleted");
        audit({ type: "rollout", id: 7, action: "rollout.cancel" }, null, null, "cancelled");
      }),
    );
    expect(events.map((e) => [e.actor, e.action, e.entityType, e.entityId, e.before, e.after])).toEqual([
      ["carol", "branch.create", "branch", "BR-0001", null, { name: "a" }],
      ["carol", "branch.update", "branch", "BR-0001", { name: "a" }, { name: "b" }],
      ["carol", "branch.delete", "branch", "BR-0001", { name: "b" }, null],
      ["carol", "rollout.cancel", "rollout", "7", null, null],
    ]);
  });

  it("an event with no before, no after and no action is refused, and nothing is written", async () => {
    const before = await t.db.auditEvent.count();
    const write = writeTransaction(carol, async (_tx, audit) => audit({ type: "host", id: 1 }, null, null, "what?"));
    await expect(write).rejects.toThrow(/no before, no after and no action/);
    expect(await t.db.auditEvent.count()).toBe(before);
  });

  it("every event of one request carries its id; outside a request, each transaction gets its own", async () => {
    const note = (summary: string) =>
      writeTransaction(carol, async (_tx, audit) => audit({ type: "user", id: 1 }, null, {}, summary));
    const inRequest = await auditedIn(t.db, () =>
      runWithRequestId("req-test-1", async () => {
        await note("first");
        await note("second");
      }),
    );
    expect(inRequest.map((e) => e.requestId)).toEqual(["req-test-1", "req-test-1"]);
    const alone = await auditedIn(t.db, async () => {
      await note("third");
      await note("fourth");
    });
    const [a, b] = alone.map((e) => e.requestId);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).not.toBe(a);
  });
});

import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { BoxProbe } from "@/lib/domain/health/box-probe";
import { ZBoxHealthDetailResponse, ZFleetHealthResponse } from "@/lib/domain/health/health-views";
import { createDb } from "@/lib/server/db/client";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeGateway, makeHost } from "@/prisma/seed/factories";
import { applyRetention } from "./apply-retention";
import { claimLeases } from "./claim-leases";
import type { Collected } from "./collect-branch";
import { deliverWebhooks, WEBHOOK_MAX_ATTEMPTS } from "./deliver-webhooks";
import { getBoxHealth } from "./get-box-health";
import { getFleetHealth } from "./get-fleet-health";
import { loadHealthTargets, type HealthBranch } from "./load-health-targets";
import { runSweep } from "./run-sweep";

type Scenario = Partial<BoxProbe> & { rebootUptime?: number };

/** A collect that answers from a table instead of SSH: what is under test here is storage. */
function fakeCollect(scenario: (key: string) => Scenario, at: Date) {
  return async (branch: HealthBranch, mine: Set<string>): Promise<Collected[]> =>
    [...(branch.gateway ? [branch.gateway] : []), ...branch.hosts]
      .filter((t) => mine.has(t.key))
      .map((t) => {
        const s = scenario(t.key);
        const probe: BoxProbe = {
          kind: t.kind,
          at,
          gatewayDown: false,
          support: t.kind === "host" ? { ok: true, ms: 10 } : null,
          reach: { ok: true, ms: 20 },
          rules: { drifted: false, diff: [], pending: null },
          reading: null,
          readingError: null,
          lastRollout: null,
          expected: { guestMac: null, guestIp: null, linkLocalIp: null, bridge: null },
          ebtablesNat: null,
          ...s,
        };
        return { target: t, probe };
      });
}

describeEachDb("health storage: state, events, incidents, samples, retention, webhook", (provider) => {
  let t: TestDb;
  let branches: HealthBranch[];
  let gwKey: string;
  let hostKeys: string[];
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    const b = await makeBranch({}, t.db);
    const gw = await makeGateway(b, {}, t.db);
    const hosts = [await makeHost(b, {}, t.db), await makeHost(b, {}, t.db), await makeHost(b, {}, t.db)];
    gwKey = `gateway:${gw.id}`;
    hostKeys = hosts.map((h) => `host:${h.id}`);
    branches = await loadHealthTargets(t.db);
  });
  afterAll(async () => t.drop());
  beforeEach(async () => {
    for (const m of [
      "healthEvent",
      "healthState",
      "healthSample",
      "healthIncident",
      "healthWebhookDelivery",
    ] as const) {
      await (t.db[m] as { deleteMany(): Promise<unknown> }).deleteMany();
    }
    await t.db.healthSettings.deleteMany();
  });

  let slotN = 0;
  const sweep = (scenario: (key: string) => Scenario, at: Date, webhook = false) =>
    runSweep({
      client: t.db,
      instanceId: "test",
      slot: `${at.toISOString()}/${slotN++}`,
      trigger: "schedule",
      branches,
      collect: fakeCollect(scenario, at),
      webhook,
    });
  const T0 = new Date("2026-11-30T10:00:00Z");
  const later = (min: number) => new Date(T0.getTime() + min * 60_000);

  it("an empty history answers the contract: every box unknown, then ok after a sweep", async () => {
    const empty = ZFleetHealthResponse.parse(await getFleetHealth(t.db, T0));
    expect(empty.counts.unknown).toBe(4);
    await sweep(() => ({}), T0);
    const fleet = ZFleetHealthResponse.parse(await getFleetHealth(t.db, later(1)));
    expect(fleet.counts.ok).toBe(4);
    expect(fleet.lastSweep?.boxes).toBe(4);
  });

  it("the fleet answer lists the boxes that are not ok; every box on request or for a branch; counts all", async () => {
    const down = { reach: { ok: false as const, reason: "refused" }, support: { ok: false as const, reason: "x" } };
    await sweep((k) => (k === hostKeys[0] ? down : {}), T0);
    const code = branches[0]!.code;
    const region = (await t.db.branch.findUniqueOrThrow({ where: { code } })).region;
    const attention = ZFleetHealthResponse.parse(await getFleetHealth(t.db, later(1)));
    expect(attention.boxes.map((b) => b.box)).toEqual([hostKeys[0]]);
    expect(attention.counts).toMatchObject({ ok: 3, "host-down": 1 });
    expect([attention.total, attention.scope.boxes, attention.scope.rows]).toEqual([4, 4, "attention"]);
    expect(attention.branches).toEqual([expect.objectContaining({ code, worst: "host-down", boxes: 4 })]);
    const all = await getFleetHealth(t.db, later(1), { rows: "all" });
    expect(all.boxes.map((b) => b.box)).toEqual([hostKeys[0], ...[gwKey, ...hostKeys.slice(1)].sort()]);
    for (const q of [{ branch: code }, { region }] as const) {
      const scoped = await getFleetHealth(t.db, later(1), { rows: "attention", ...q });
      expect([scoped.boxes.length, scoped.scope.rows, scoped.scope.boxes]).toEqual([4, "all", 4]);
    }
    const elsewhere = await getFleetHealth(t.db, later(1), { rows: "all", branch: "NO-SUCH" });
    expect([elsewhere.boxes.length, elsewhere.scope.boxes, elsewhere.total]).toEqual([0, 0, 4]);
    // A retired host leaves the fleet, its stored state with it.
    const id = Number(hostKeys[0]!.split(":")[1]);
    const { state } = await t.db.host.findUniqueOrThrow({ where: { id } });
    await t.db.host.update({ where: { id }, data: { state: "retired" } });
    const after = await getFleetHealth(t.db, later(1));
    await t.db.host.update({ where: { id }, data: { state } });
    expect([after.total, after.counts["host-down"], after.boxes.length]).toEqual([3, 0, 0]);
  });

  it("a state change is an event with start, end and duration; a steady state writes none", async () => {
    const down = {
      reach: { ok: false as const, reason: "refused" },
      support: { ok: false as const, reason: "refused" },
    };
    await sweep(() => ({}), T0);
    await sweep((k) => (k === hostKeys[0] ? down : {}), later(5));
    await sweep((k) => (k === hostKeys[0] ? down : {}), later(10));
    await sweep(() => ({}), later(15));
    const events = await t.db.healthEvent.findMany({ where: { boxKey: hostKeys[0] }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.from, e.to, e.durationMs])).toEqual([
      ["ok", "host-down", 600_000],
      ["host-down", "ok", null],
    ]);
    expect(events[0]!.endedAt?.toISOString()).toBe(later(15).toISOString());
  });

  it("a box that stops answering is silent since its last answer, never its last good state", async () => {
    await sweep(() => ({}), T0);
    const down = { reach: { ok: false as const, reason: "timed out" }, support: { ok: false as const, reason: "x" } };
    await sweep((k) => (k === hostKeys[1] ? down : {}), later(5));
    const s = await t.db.healthState.findUniqueOrThrow({ where: { boxKey: hostKeys[1] } });
    expect(s.status).toBe("host-down");
    expect(s.silentSince?.toISOString()).toBe(T0.toISOString());
    // No sweep for an hour (scheduler stopped): every box reads as silent, with its last answer.
    const fleet = await getFleetHealth(t.db, later(65));
    const box = fleet.boxes.find((b) => b.box === hostKeys[2])!;
    expect(box.status).toBe("silent");
    expect(box.silentSince).toBe(later(5).toISOString());
    expect(box.summary).toMatch(/^silent since /);
  });

  it("gateway down: one incident for the branch, hosts under it, closed when it answers", async () => {
    const gwDown = (k: string): Scenario =>
      k === gwKey
        ? { reach: { ok: false, reason: "timed out" } }
        : { gatewayDown: true, reach: { ok: false, reason: "its gateway is unreachable" } };
    await sweep(gwDown, T0);
    await sweep(gwDown, later(5));
    const incidents = await t.db.healthIncident.findMany();
    expect(incidents.map((i) => [i.kind, i.boxes, i.endedAt])).toEqual([["gateway-down", 4, null]]);
    const fleet = await getFleetHealth(t.db, later(6));
    expect(fleet.boxes.filter((b) => b.kind === "host").map((b) => [b.summary, b.incidentId])).toEqual(
      hostKeys.map(() => ["unreachable: gateway down", incidents[0]!.id]),
    );
    await sweep(() => ({}), later(10));
    expect((await t.db.healthIncident.findFirstOrThrow()).endedAt?.toISOString()).toBe(later(10).toISOString());
  });

  it("samples: appended to the hour's block, answered as points; downsampled and dropped by retention", async () => {
    const r = (key: string): Scenario => ({
      support: { ok: true, ms: key === hostKeys[0] ? 10 : 20 },
    });
    for (let m = 0; m < 120; m += 5) await sweep(r, later(m));
    const blocks = await t.db.healthSample.count({ where: { boxKey: hostKeys[0], resolution: "raw" } });
    expect(blocks).toBe(2); // two hours of 12 points each, one row per hour
    const [kind, id] = hostKeys[0]!.split(":");
    const detail = ZBoxHealthDetailResponse.parse(
      await getBoxHealth({ kind: kind as "host", id: Number(id) }, "24h", t.db, later(121)),
    );
    expect(detail.samples.points.length).toBe(24);
    expect(detail.samples.points[0]).toMatchObject({ at: T0.toISOString(), supportMs: 10 });
    // 15 days on, with raw kept 14: both hours become hourly means in one daily block.
    const report = await applyRetention(t.db, new Date(T0.getTime() + 15 * 86_400_000));
    expect(report.rawDeleted).toBe(6); // 3 hosts x 2 hours (the gateway read nothing here, so it has no samples)
    const hour = await t.db.healthSample.findFirstOrThrow({ where: { boxKey: hostKeys[0], resolution: "hour" } });
    expect(hour.points).toBe("36000,10,,,,;39600,10,,,,;");
    const d30 = await getBoxHealth(
      { kind: kind as "host", id: Number(id) },
      "30d",
      t.db,
      new Date(T0.getTime() + 15 * 86_400_000),
    );
    expect(d30.samples.resolution).toBe("1h");
    expect(d30.samples.points.map((p) => p.supportMs)).toEqual([10, 10]);
    // And past the hourly retention, gone.
    await applyRetention(t.db, new Date(T0.getTime() + 200 * 86_400_000));
    expect(await t.db.healthSample.count()).toBe(0);
  });

  it("webhook: a signed POST per box state change, retried with back-off, then given up", async () => {
    await t.db.healthSettings.create({
      data: { id: 1, webhookUrl: "https://hooks.example.test/branchdesk", webhookSecret: "s3cret-s3cret-s3cret" },
    });
    await sweep(() => ({}), T0, true);
    await sweep((k) => (k === gwKey ? { reach: { ok: false, reason: "timed out" } } : {}), later(5), true);
    expect(await t.db.healthWebhookDelivery.count()).toBe(1); // hosts behind it: unreachable, no verdict of their own
    const calls: { body: string; sig: string }[] = [];
    let status = 500;
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      calls.push({
        body: init.body as string,
        sig: (init.headers as Record<string, string>)["X-Branchdesk-Signature"]!,
      });
      return new Response(null, { status });
    }) as typeof fetch;
    const at = (s: number) => new Date(later(6).getTime() + s * 1000);
    await deliverWebhooks(t.db, { now: at(0), fetch: fakeFetch });
    expect(calls.length).toBe(1);
    const expected = `sha256=${createHmac("sha256", "s3cret-s3cret-s3cret").update(calls[0]!.body).digest("hex")}`;
    expect(calls[0]!.sig).toBe(expected);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ box: gwKey, from: "ok", to: "gateway-down" });
    await deliverWebhooks(t.db, { now: at(5), fetch: fakeFetch }); // back-off: not due yet
    expect(calls.length).toBe(1);
    status = 204;
    await deliverWebhooks(t.db, { now: at(11), fetch: fakeFetch });
    expect(calls.length).toBe(2);
    expect((await t.db.healthWebhookDelivery.findFirstOrThrow()).status).toBe("delivered");
    // One that never succeeds is failed after WEBHOOK_MAX_ATTEMPTS, its last error kept.
    await sweep(() => ({}), later(10), true);
    status = 503;
    for (let i = 0, s = 0; i < WEBHOOK_MAX_ATTEMPTS + 2; i++, s += 4000)
      await deliverWebhooks(t.db, { now: at(s), fetch: fakeFetch });
    const failed = await t.db.healthWebhookDelivery.findFirstOrThrow({ where: { status: "failed" } });
    expect([failed.attempts, failed.lastError]).toEqual([
      WEBHOOK_MAX_ATTEMPTS,
      "HTTP 503 from https://hooks.example.test/branchdesk",
    ]);
  });

  it("leases: two clients claiming the same slot at once split the boxes, each box won once", async () => {
    const other = createDb(t.config);
    try {
      const keys = Array.from({ length: 300 }, (_, i) => `host:${100_000 + i}`);
      const [a, b] = await Promise.all([
        claimLeases(t.db, "2026-11-30T10:00:00.000Z", keys, "A"),
        claimLeases(other, "2026-11-30T10:00:00.000Z", [...keys].reverse(), "B"),
      ]);
      expect(a.size + b.size).toBe(keys.length);
      expect([...a].filter((k) => b.has(k))).toEqual([]);
      const again = await claimLeases(other, "2026-11-30T10:00:00.000Z", keys, "B");
      expect(again.size).toBe(0);
    } finally {
      await other.$disconnect();
    }
  });
});

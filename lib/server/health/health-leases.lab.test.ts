import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Lab } from "@/e2e/lab/lab";
import { createDb, type Db } from "@/lib/server/db/client";
import { enrolledDb, type RolloutBench } from "@/lib/testing/rollout-bench";
import { sweepHealth } from "./sweep-health";

vi.mock("server-only", () => ({}));

// Two dashboard instances on one PostgreSQL, each with its own database client and
// instance id, sweep 60 lab boxes (3 branches x 19 hosts + 3 gateways) at the same slots.
let lab: Lab;
let bench: RolloutBench;
let clients: Db[] = [];

beforeAll(async () => {
  lab = await Lab.up({ branches: 3, hostsPerBranch: 19 });
  bench = await enrolledDb(lab, "postgresql");
  clients = [createDb(bench.t.config), createDb(bench.t.config)];
}, 600_000);
afterAll(async () => {
  for (const c of clients) await c.$disconnect();
  await bench?.t.drop();
  await lab?.down();
});

describe("leases across instances", () => {
  it("two instances sweeping 60 lab boxes probe each box exactly once per sweep", async () => {
    const total = await bench.t.db.host.count().then(async (h) => h + (await bench.t.db.gateway.count()));
    expect(total).toBe(60);
    for (const slot of ["2026-11-30T10:00:00.000Z", "2026-11-30T10:05:00.000Z"]) {
      const probed: Record<string, string[]> = { A: [], B: [] };
      const run = (name: "A" | "B", client: Db) =>
        sweepHealth(
          { fleet: true },
          { trigger: "schedule", client, instanceId: name, slot, onProbed: (k) => probed[name]!.push(...k) },
        );
      await Promise.all([run("A", clients[0]!), run("B", clients[1]!)]);
      const all = [...probed.A!, ...probed.B!];
      expect(all.length, `A ${probed.A!.length}, B ${probed.B!.length}`).toBe(60);
      expect(new Set(all).size).toBe(60);
      const leases = await bench.t.db.healthLease.groupBy({ by: ["instanceId"], where: { slot }, _count: true });
      expect(leases.reduce((a, l) => a + l._count, 0)).toBe(60);
    }
    expect(await bench.t.db.healthState.count()).toBe(60);
  }, 300_000);
});

/**
 * Test-only: writes health rows into the dashboard that scripts/e2e-run.ts started (its
 * DATABASE_URL is in this process's environment), as the collector would leave them: the
 * gateway and one host ok, one host with its support path broken by flushed rules (checks
 * with reasons, a day of samples, events), an open incident for the branch, a sweep.
 *   tsx e2e/seed-health.ts '{"branchCode": "HLT-1", "gatewayId": 3, "okHostId": 7, "failingHostId": 8}'
 */
import { db } from "@/lib/server/db/client";
import {
  dayOfPoints,
  seedHealthEvent,
  seedHealthIncident,
  seedHealthSamples,
  seedHealthStates,
  seedHealthSweep,
} from "@/lib/testing/seed-health";

type Input = { branchCode: string; gatewayId: number; okHostId: number; failingHostId: number; guestIp: string };

async function main() {
  const input = JSON.parse(process.argv[2] ?? "{}") as Input;
  const client = db();
  const now = new Date();
  const broke = new Date(now.getTime() - 40 * 60_000);
  const incidentId = await seedHealthIncident(client, {
    branchCode: input.branchCode,
    kind: "support-broken",
    summary: "support path broken on 1 of 2 hosts",
    boxes: 1,
    startedAt: broke,
  });
  const ok = (check: "support-path" | "via-gateway" | "gateway", ms: number) =>
    ({ check, status: "ok", reason: `answered in ${ms} ms`, value: ms }) as const;
  await seedHealthStates(
    client,
    [
      { kind: "gateway", id: input.gatewayId, branchCode: input.branchCode, status: "ok", summary: "ok", supportMs: 4 },
      { kind: "host", id: input.okHostId, branchCode: input.branchCode, status: "ok", summary: "ok", supportMs: 6 },
      {
        kind: "host",
        id: input.failingHostId,
        branchCode: input.branchCode,
        status: "support-broken",
        summary: `support path broken: connection refused on ${input.guestIp}:22 (rules drifted)`,
        supportMs: null,
        incidentId,
        checks: [
          { check: "memory", status: "warn", reason: "kswapd0 at 97% CPU with vm.swappiness=0", value: 97 },
          { check: "rules", status: "fail", reason: "rules drifted: the running chains differ", value: null },
          ok("via-gateway", 3),
          {
            check: "support-path",
            status: "fail",
            reason: `connection refused on ${input.guestIp}:22`,
            value: null,
          },
        ],
      },
    ],
    now,
  );
  await seedHealthSamples(
    client,
    { kind: "host", id: input.failingHostId },
    dayOfPoints(now, (i) => ({
      supportMs: i > 280 ? null : 5 + (i % 7),
      memUsedPct: 60 + (i % 10),
      swapUsedPct: 5,
      load1: 0.5 + (i % 5) / 10,
      kswapdCpuPct: i > 270 ? 97 : 1,
    })),
  );
  await seedHealthEvent(
    client,
    { kind: "host", id: input.failingHostId },
    { check: "box", from: "ok", to: "support-broken", reason: "rules flushed", startedAt: broke },
  );
  await seedHealthEvent(
    client,
    { kind: "host", id: input.failingHostId },
    {
      check: "box",
      from: "ok",
      to: "host-down",
      reason: "rebooted",
      startedAt: new Date(now.getTime() - 5 * 3_600_000),
      endedAt: new Date(now.getTime() - 5 * 3_600_000 + 180_000),
    },
  );
  await seedHealthSweep(client, now, 3);
  await client.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

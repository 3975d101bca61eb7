import { boxKey } from "@/lib/domain/health/box-key";
import { BOX_HEALTH, type BoxHealth, type FleetHealthResponse } from "@/lib/domain/health/health-views";
import { db, type Db } from "@/lib/server/db/client";
import { toBoxHealthView, type HealthStateRow } from "./box-health-view";
import { toIncidentView } from "./health-incident-view";
import { loadFleetBoxes } from "./load-fleet-boxes";
import { readHealthSettings } from "./read-health-settings";

const RANK = new Map<BoxHealth, number>(BOX_HEALTH.map((s, i) => [s, i]));

/** A state not refreshed for this many intervals is shown as silent. */
export const STALE_INTERVALS = 3;

/** GET /api/v1/health: every box worst first, counts, open incidents, each branch's worst state. */
export async function getFleetHealth(client: Db = db(), now = new Date()): Promise<FleetHealthResponse> {
  const [{ branches, boxes }, states, incidents, lastSweep, settings] = await Promise.all([
    loadFleetBoxes(client),
    client.healthState.findMany({
      select: {
        boxKey: true,
        status: true,
        summary: true,
        checks: false,
        supportMs: true,
        checkedAt: true,
        lastSeenAt: true,
        silentSince: true,
        incidentId: true,
      },
    }),
    client.healthIncident.findMany({ where: { endedAt: null }, orderBy: { startedAt: "desc" } }),
    client.healthSweep.findFirst({ orderBy: { startedAt: "desc" } }),
    readHealthSettings(client),
  ]);
  const byKey = new Map(states.map((s) => [s.boxKey, { ...s, checks: "[]" } satisfies HealthStateRow]));
  const staleMs = settings.intervalSeconds * 1000 * STALE_INTERVALS;
  const views = boxes.map((b) => toBoxHealthView(b, byKey.get(boxKey(b)), now, staleMs));
  views.sort(
    (a, b) =>
      RANK.get(a.status)! - RANK.get(b.status)! ||
      a.branchCode.localeCompare(b.branchCode) ||
      a.name.localeCompare(b.name),
  );
  const counts = Object.fromEntries(BOX_HEALTH.map((s) => [s, 0])) as Record<BoxHealth, number>;
  const worst = new Map<string, { worst: BoxHealth; boxes: number }>();
  for (const v of views) {
    counts[v.status] += 1;
    const w = worst.get(v.branchCode);
    if (!w) worst.set(v.branchCode, { worst: v.status, boxes: 1 });
    else w.boxes += 1; // views are sorted worst first: the first seen is the worst
  }
  return {
    counts,
    total: views.length,
    lastSweep: lastSweep
      ? {
          startedAt: lastSweep.startedAt.toISOString(),
          finishedAt: lastSweep.finishedAt?.toISOString() ?? null,
          boxes: lastSweep.boxes,
        }
      : null,
    incidents: incidents.map(toIncidentView),
    branches: branches.map((b) => ({
      code: b.code,
      name: b.name,
      region: b.region,
      worst: worst.get(b.code)?.worst ?? "unknown",
      boxes: worst.get(b.code)?.boxes ?? 0,
    })),
    boxes: views,
  };
}

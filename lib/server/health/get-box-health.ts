import type { BoxRef } from "@/lib/domain/health/box-key";
import { boxKey } from "@/lib/domain/health/box-key";
import type { BoxHealthDetailResponse } from "@/lib/domain/health/health-views";
import {
  decodePoints,
  downsampleHourly,
  HOUR_BLOCK_MS,
  RAW_BLOCK_MS,
  type SamplePoint,
} from "@/lib/domain/health/sample-codec";
import { db, type Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { parseStoredChecks, toBoxHealthView, type BoxIdentity } from "./box-health-view";
import { STALE_INTERVALS } from "./get-fleet-health";
import { toEventView } from "./health-incident-view";
import { readHealthSettings } from "./read-health-settings";

export const HEALTH_RANGES = { "6h": 6, "24h": 24, "7d": 168, "30d": 720, "90d": 2160 } as const;
export type HealthRange = keyof typeof HEALTH_RANGES;

/**
 * GET /api/v1/health/boxes/{box}: the checks, the last 200 events, samples over `range`. Up to
 * 7 days the 5-min points are answered; longer ranges hourly means (stored or computed).
 */
export async function getBoxHealth(
  ref: BoxRef,
  range: HealthRange = "24h",
  client: Db = db(),
  now = new Date(),
): Promise<BoxHealthDetailResponse> {
  const identity = await loadIdentity(client, ref);
  const key = boxKey(ref);
  const hours = HEALTH_RANGES[range];
  const since = new Date(now.getTime() - hours * 3_600_000);
  const raw = hours <= 168;
  const [state, events, settings, blocks] = await Promise.all([
    client.healthState.findUnique({ where: { boxKey: key } }),
    client.healthEvent.findMany({ where: { boxKey: key }, orderBy: { startedAt: "desc" }, take: 200 }),
    readHealthSettings(client),
    client.healthSample.findMany({
      where: {
        boxKey: key,
        resolution: { in: raw ? ["raw"] : ["raw", "hour"] },
        blockStart: { gte: new Date(since.getTime() - (raw ? RAW_BLOCK_MS : HOUR_BLOCK_MS)) },
      },
      orderBy: { blockStart: "asc" },
    }),
  ]);
  const view = toBoxHealthView(identity, state ?? undefined, now, settings.intervalSeconds * 1000 * STALE_INTERVALS);
  let points: SamplePoint[];
  if (raw) {
    points = blocks.flatMap((b) => decodePoints(b.blockStart, b.points));
  } else {
    // Stored hourly means where raw blocks are gone, computed ones where raw still exists.
    const rawPoints = blocks.filter((b) => b.resolution === "raw").flatMap((b) => decodePoints(b.blockStart, b.points));
    const computed = downsampleHourly(rawPoints);
    const covered = new Set(computed.map((p) => p.at.getTime()));
    const stored = blocks
      .filter((b) => b.resolution === "hour")
      .flatMap((b) => decodePoints(b.blockStart, b.points))
      .filter((p) => !covered.has(p.at.getTime()));
    points = [...stored, ...computed].sort((a, b) => a.at.getTime() - b.at.getTime());
  }
  return {
    box: view,
    // A silent box's checks are its last ones; the view's status says they are not current.
    checks: state ? parseStoredChecks(state.checks) : [],
    events: events.map((e) => toEventView(e, identity.name)),
    samples: {
      resolution: raw ? "5m" : "1h",
      points: points.filter((p) => p.at >= since && p.at <= now).map((p) => ({ ...p, at: p.at.toISOString() })),
    },
  };
}

async function loadIdentity(client: Db, ref: BoxRef): Promise<BoxIdentity> {
  const select = { id: true, hostname: true, branch: { select: { code: true, region: true } } } as const;
  const row =
    ref.kind === "host"
      ? await client.host.findFirst({ where: { id: ref.id, state: { not: "retired" } }, select })
      : await client.gateway.findUnique({ where: { id: ref.id }, select });
  if (!row) throw new AppError("not_found", `${ref.kind} ${ref.id} does not exist`);
  return { kind: ref.kind, id: row.id, name: row.hostname, branchCode: row.branch.code, region: row.branch.region };
}

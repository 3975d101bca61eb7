import { boxKey, type BoxRef } from "@/lib/domain/health/box-key";
import type { BoxHealth, HealthCheck } from "@/lib/domain/health/health-views";
import { blockStart, encodePoint, RAW_BLOCK_MS, type SamplePoint } from "@/lib/domain/health/sample-codec";
import type { Db } from "@/lib/server/db/client";

/**
 * Test and benchmark data for the health pages: rows as the collector would leave them
 * (prisma HealthState, HealthSample, HealthEvent, HealthIncident, HealthSweep), written
 * directly so the pages can be driven without a lab.
 */
export type HealthStateSeed = BoxRef & {
  branchCode: string;
  status: BoxHealth;
  summary: string;
  checks?: HealthCheck[];
  supportMs?: number | null;
  silentSince?: Date | null;
  incidentId?: number | null;
};

/** Latest states, checked at `now`, in chunks (10,000 rows is one statement per 500). */
export async function seedHealthStates(client: Db, rows: HealthStateSeed[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await client.healthState.createMany({
      data: rows.slice(i, i + 500).map((r) => ({
        boxKey: boxKey(r),
        kind: r.kind,
        boxId: r.id,
        branchCode: r.branchCode,
        status: r.status,
        summary: r.summary,
        checks: JSON.stringify(r.checks ?? []),
        supportMs: r.supportMs ?? null,
        checkedAt: now,
        lastSeenAt: r.silentSince ?? (r.status === "host-down" || r.status === "gateway-down" ? null : now),
        silentSince: r.silentSince ?? null,
        incidentId: r.incidentId ?? null,
      })),
    });
  }
}

/** Metric points for one box, stored in the collector's hourly blocks. */
export async function seedHealthSamples(client: Db, box: BoxRef, points: SamplePoint[]): Promise<void> {
  const blocks = new Map<number, string>();
  for (const p of points) {
    const start = blockStart(p.at, RAW_BLOCK_MS);
    blocks.set(start.getTime(), (blocks.get(start.getTime()) ?? "") + encodePoint(start, p));
  }
  await client.healthSample.createMany({
    data: [...blocks].map(([start, text]) => ({
      boxKey: boxKey(box),
      resolution: "raw",
      blockStart: new Date(start),
      points: text,
    })),
  });
}

/** A day of 5-min points ending at `now`, shaped by `f` (minute index from the start). */
export function dayOfPoints(now: Date, f: (i: number) => Omit<SamplePoint, "at">): SamplePoint[] {
  const step = 5 * 60_000;
  const n = 288;
  return Array.from({ length: n }, (_, i) => ({ at: new Date(now.getTime() - (n - 1 - i) * step), ...f(i) }));
}

export async function seedHealthIncident(
  client: Db,
  row: { branchCode: string; kind: string; summary: string; boxes: number; startedAt: Date; rolloutId?: number },
): Promise<number> {
  const created = await client.healthIncident.create({ data: { ...row, rolloutId: row.rolloutId ?? null } });
  return created.id;
}

export async function seedHealthEvent(
  client: Db,
  box: BoxRef,
  row: { check: string; from: string; to: string; reason: string; startedAt: Date; endedAt?: Date },
): Promise<void> {
  const durationMs = row.endedAt ? row.endedAt.getTime() - row.startedAt.getTime() : null;
  await client.healthEvent.create({
    data: { boxKey: boxKey(box), ...row, endedAt: row.endedAt ?? null, durationMs },
  });
}

export async function seedHealthSweep(client: Db, at: Date, boxes: number): Promise<void> {
  await client.healthSweep.create({
    data: { slot: at.toISOString(), trigger: "schedule", instanceId: "seed", boxes, startedAt: at, finishedAt: at },
  });
}

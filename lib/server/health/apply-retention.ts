import {
  blockStart,
  decodePoints,
  downsampleHourly,
  encodePoint,
  HOUR_BLOCK_MS,
  RAW_BLOCK_MS,
} from "@/lib/domain/health/sample-codec";
import type { Db } from "@/lib/server/db/client";
import { appendSampleBlocks } from "./append-sample-blocks";
import { dropLeasesBefore } from "./claim-leases";
import { readHealthSettings } from "./read-health-settings";

export type RetentionReport = { downsampled: number; rawDeleted: number; hourDeleted: number; events: number };

/**
 * Raw blocks older than rawRetentionDays become hourly means (appended to the box's
 * daily "hour" block) and go; hour blocks older than hourRetentionDays go; closed events
 * older than eventRetentionDays go; leases of past slots go. In chunks, so a run never
 * holds a long write lock.
 */
export async function applyRetention(client: Db, now = new Date()): Promise<RetentionReport> {
  const s = await readHealthSettings(client);
  const rawBefore = blockStart(new Date(now.getTime() - s.rawRetentionDays * 86_400_000), RAW_BLOCK_MS);
  const report: RetentionReport = { downsampled: 0, rawDeleted: 0, hourDeleted: 0, events: 0 };
  for (;;) {
    const old = await client.healthSample.findMany({
      where: { resolution: "raw", blockStart: { lt: rawBefore } },
      take: 2000,
      orderBy: [{ blockStart: "asc" }, { boxKey: "asc" }],
    });
    if (old.length === 0) break;
    await client.$transaction(async (tx) => {
      // One row per box and day: a batch may hold several hours of the same day.
      const merged = new Map<string, { boxKey: string; day: Date; text: string }>();
      for (const b of old) {
        const day = blockStart(b.blockStart, HOUR_BLOCK_MS);
        const text = downsampleHourly(decodePoints(b.blockStart, b.points))
          .map((p) => encodePoint(day, p))
          .join("");
        const k = `${b.boxKey} ${day.getTime()}`;
        const m = merged.get(k);
        if (m) m.text += text;
        else merged.set(k, { boxKey: b.boxKey, day, text });
      }
      await appendSampleBlocks(
        tx,
        [...merged.values()].map((r) => ({ boxKey: r.boxKey, resolution: "hour", blockStart: r.day, points: r.text })),
      );
      for (const b of old) {
        await tx.healthSample.delete({
          where: {
            boxKey_resolution_blockStart: { boxKey: b.boxKey, resolution: "raw", blockStart: b.blockStart },
          },
        });
      }
    });
    report.downsampled += old.length;
    report.rawDeleted += old.length;
  }
  const hourBefore = new Date(now.getTime() - s.hourRetentionDays * 86_400_000);
  report.hourDeleted = (
    await client.healthSample.deleteMany({
      where: { resolution: "hour", blockStart: { lt: blockStart(hourBefore, HOUR_BLOCK_MS) } },
    })
  ).count;
  const eventBefore = new Date(now.getTime() - s.eventRetentionDays * 86_400_000);
  report.events = (await client.healthEvent.deleteMany({ where: { endedAt: { lt: eventBefore } } })).count;
  await dropLeasesBefore(client, new Date(now.getTime() - 86_400_000));
  await client.healthSweep.deleteMany({ where: { startedAt: { lt: eventBefore } } });
  await client.healthWebhookDelivery.deleteMany({
    where: { status: { in: ["delivered", "failed"] }, createdAt: { lt: eventBefore } },
  });
  return report;
}

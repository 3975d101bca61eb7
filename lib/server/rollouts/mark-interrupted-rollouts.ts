import { db } from "@/lib/server/db/client";
import { HEARTBEAT_STALE_MS } from "./instance-id";

const UNFINISHED = ["pending", "planning", "planned", "applying", "verifying"];

/**
 * A rollout still "running" whose driver stopped heartbeating died with its
 * dashboard process. Its boxes are safe (atomic apply, and the dead-man rolls
 * back anything unconfirmed); mark it and its unfinished targets interrupted
 * so an operator can resume. Cheap; called on start-up and before listings.
 */
export async function markInterruptedRollouts(now = new Date()): Promise<number[]> {
  const stale = await db().rollout.findMany({
    where: {
      status: "running",
      OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(now.getTime() - HEARTBEAT_STALE_MS) } }],
    },
    select: { id: true },
  });
  for (const { id } of stale) {
    await db().$transaction([
      db().rollout.update({
        where: { id },
        data: {
          status: "interrupted",
          summary: "the dashboard process driving it stopped; resume to re-plan what is left",
        },
      }),
      db().rolloutTarget.updateMany({
        where: { rolloutId: id, status: { in: UNFINISHED } },
        data: {
          status: "interrupted",
          error:
            "interrupted: the dashboard stopped while this target was in progress " +
            "(the box rolled back anything unconfirmed)",
        },
      }),
    ]);
  }
  return stale.map((r) => r.id);
}

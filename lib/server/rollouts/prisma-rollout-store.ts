import { db } from "@/lib/server/db/client";
import type { RolloutStore, TargetUpdate } from "@/lib/rollout/rollout-types";

/**
 * Persists progress as it happens, so a restart or a second dashboard
 * instance sees exactly where every target stands. Each update also refreshes
 * the rollout's heartbeat (restart detection).
 */
export function prismaRolloutStore(rolloutId: number): RolloutStore {
  return {
    async updateTarget(key: string, u: TargetUpdate): Promise<void> {
      const now = new Date();
      await db().$transaction([
        db().rolloutTarget.updateMany({
          where: { rolloutId, targetKey: key },
          data: {
            status: u.status,
            ...(u.plan !== undefined && { plan: JSON.stringify(u.plan) }),
            ...(u.output !== undefined && { output: u.output }),
            ...(u.error !== undefined && { error: u.error }),
            ...(u.startedAt !== undefined && { startedAt: u.startedAt }),
            ...(u.finishedAt !== undefined && { finishedAt: u.finishedAt }),
          },
        }),
        db().rollout.update({ where: { id: rolloutId }, data: { heartbeatAt: now } }),
      ]);
    },
    async cancelRequested(): Promise<boolean> {
      const r = await db().rollout.findUnique({ where: { id: rolloutId }, select: { cancelRequested: true } });
      return r?.cancelRequested ?? true;
    },
  };
}

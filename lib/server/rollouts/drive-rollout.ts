import { randomBytes } from "node:crypto";
import { rolloutToken } from "@/lib/rollout/pending-change";
import { runRollout } from "@/lib/rollout/run-rollout";
import type { RolloutOptions, TargetDriver } from "@/lib/rollout/rollout-types";
import type { RolloutWork } from "@/lib/rollout/ssh/target-spec";
import { sshConfig } from "@/lib/server/config/ssh-config";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { HEARTBEAT_EVERY_MS, INSTANCE_ID } from "./instance-id";
import { prismaRolloutStore } from "./prisma-rollout-store";
import { rolloutDriver } from "./rollout-driver";

/**
 * Runs a recorded rollout to its end in this process: heartbeats while it
 * runs (so a restart is detectable), records the outcome, releases the
 * target locks, and writes the outcome to the audit log. Never throws: a
 * crash of the engine itself is recorded as the rollout's failure.
 */
export async function driveRollout(
  rolloutId: number,
  work: RolloutWork,
  options: RolloutOptions,
  username: string,
  driver?: TargetDriver,
): Promise<void> {
  const beat = setInterval(() => {
    db()
      .rollout.update({ where: { id: rolloutId }, data: { heartbeatAt: new Date(), owner: INSTANCE_ID } })
      .catch(() => undefined);
  }, HEARTBEAT_EVERY_MS);
  let status: string;
  let summary: string;
  try {
    const d = driver ?? (await rolloutDriver(work));
    const outcome = await runRollout(work.branches, options, {
      driver: d,
      store: prismaRolloutStore(rolloutId),
      newToken: () => rolloutToken(rolloutId, randomBytes(6).toString("hex")),
      now: () => new Date(),
      // A change left unconfirmed by an earlier rollout resolves within one
      // dead-man window: wait that long (and its rollback) before refusing.
      pendingWaitSeconds: sshConfig().confirmTimeoutSeconds + 5,
    });
    if ("close" in d && typeof d.close === "function") await d.close();
    status = outcome.status;
    const c = outcome.counts;
    summary = [
      `${c.succeeded} applied`,
      `${c.unchanged} unchanged`,
      options.dryRun ? `${c.planned} with changes planned` : null,
      `${c.failed} failed`,
      `${c.skipped} skipped`,
      outcome.reason ? `stopped: ${outcome.reason}` : null,
    ]
      .filter(Boolean)
      .join(", ");
  } catch (e) {
    status = "failed";
    summary = `the rollout engine failed: ${e instanceof Error ? e.message : String(e)}`;
    console.error(`[branchdesk] rollout #${rolloutId}:`, e);
  } finally {
    clearInterval(beat);
  }
  await writeTransaction({ username }, async (tx, audit) => {
    await tx.rollout.update({
      where: { id: rolloutId },
      data: { status, summary, finishedAt: new Date(), heartbeatAt: new Date() },
    });
    await tx.targetLock.deleteMany({ where: { rolloutId } });
    const entity = { type: "rollout", id: rolloutId, action: `rollout.${status}` } as const;
    audit(entity, null, null, `rollout #${rolloutId} ${status}: ${summary}`);
  }).catch((e) => console.error(`[branchdesk] recording the end of rollout #${rolloutId} failed:`, e));
}

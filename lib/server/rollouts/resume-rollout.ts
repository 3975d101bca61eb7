import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { acquireTargetLocks } from "./acquire-target-locks";
import { driveRollout } from "./drive-rollout";
import { INSTANCE_ID } from "./instance-id";
import { loadRolloutWork, withAdoption, type RolloutScopeExtra } from "./load-rollout-work";
import { markInterruptedRollouts } from "./mark-interrupted-rollouts";

const DONE = ["succeeded", "unchanged"];

/** Re-plans and runs every target of an interrupted rollout that had not finished well. */
export async function resumeRollout(actor: Actor, id: number): Promise<{ id: number; done: Promise<void> }> {
  await markInterruptedRollouts();
  const rollout = await db().rollout.findUnique({ where: { id }, include: { targets: true } });
  if (!rollout) throw notFound(`rollout #${id}`);
  if (rollout.status !== "interrupted") {
    throw new AppError("conflict", `rollout #${id} is ${rollout.status}; only an interrupted rollout can be resumed`);
  }
  const left = rollout.targets.filter((t) => !DONE.includes(t.status));
  const scope = JSON.parse(rollout.scope) as { branchCodes: string[] } & RolloutScopeExtra;
  const work = withAdoption(
    await loadRolloutWork(scope.branchCodes, new Set(left.map((t) => t.targetKey))),
    scope.adopt,
  );
  await writeTransaction(actor, async (tx, audit) => {
    await acquireTargetLocks(
      tx,
      id,
      left.map((t) => t.targetKey),
      new Map(left.map((t) => [t.targetKey, t.label])),
      actor.username,
    );
    await tx.rolloutTarget.updateMany({
      where: { rolloutId: id, id: { in: left.map((t) => t.id) } },
      data: { status: "pending", error: null },
    });
    await tx.rollout.update({
      where: { id },
      data: {
        status: "running",
        owner: INSTANCE_ID,
        heartbeatAt: new Date(),
        cancelRequested: false,
        finishedAt: null,
      },
    });
    const summary = `resumed rollout #${id}: ${left.length} targets left`;
    audit({ type: "rollout", id, action: "rollout.resume" }, null, null, summary);
  });
  const options = {
    dryRun: rollout.dryRun,
    concurrency: rollout.concurrency,
    canary: false,
    failureBudget: rollout.failureBudget,
  };
  return { id, done: driveRollout(id, work, options, actor.username) };
}

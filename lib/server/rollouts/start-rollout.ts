import type { StartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { acquireTargetLocks } from "./acquire-target-locks";
import { INSTANCE_ID } from "./instance-id";
import { loadRolloutWork, withAdoption, type RolloutScopeExtra } from "./load-rollout-work";
import { driveRollout } from "./drive-rollout";

/**
 * Starts a rollout (or a dry run, which is just a plan) over branches:
 * validates inventory into rule sets first (nothing starts on bad data),
 * records the rollout with every target in order, locks the targets (not for
 * a dry run: it only reads), and drives it in the background of this process.
 */
export async function startRollout(
  actor: Actor,
  input: StartRolloutInput,
  scope: RolloutScopeExtra = {},
): Promise<{ id: number; done: Promise<void> }> {
  const work = withAdoption(
    await loadRolloutWork(input.branchCodes, scope.only ? new Set(scope.only) : undefined),
    scope.adopt,
  );
  const ordered = work.branches.flatMap((b) => [...(b.gateway ? [b.gateway] : []), ...b.hosts]);
  const labels = new Map(ordered.map((t) => [t.key, t.label]));
  const rollout = await writeTransaction(actor, async (tx, audit) => {
    const r = await tx.rollout.create({
      data: {
        createdBy: actor.username,
        scope: JSON.stringify({ branchCodes: input.branchCodes, ...scope }),
        dryRun: input.dryRun,
        status: "running",
        concurrency: input.concurrency,
        canary: input.canary,
        failureBudget: input.failureBudget,
        owner: INSTANCE_ID,
        heartbeatAt: new Date(),
        startedAt: new Date(),
      },
    });
    await tx.rolloutTarget.createMany({
      data: ordered.map((t, position) => ({
        rolloutId: r.id,
        kind: t.kind,
        targetKey: t.key,
        label: t.label,
        branchCode: t.branchCode,
        position,
      })),
    });
    if (!input.dryRun)
      await acquireTargetLocks(
        tx,
        r.id,
        ordered.map((t) => t.key),
        labels,
        actor.username,
      );
    const what = `#${r.id} on ${input.branchCodes.join(", ")} (${ordered.length} targets)`;
    const action = input.dryRun ? "rollout.preview" : scope.adopt ? "rollout.adopt" : "rollout.start";
    const entity = { type: "rollout", id: r.id, action } as const;
    const verb = input.dryRun ? "previewed" : scope.adopt ? "started adoption rollout" : "started rollout";
    audit(entity, null, { ...input, ...scope, targets: ordered.length }, `${verb} ${what}`);
    return r;
  });
  const done = driveRollout(rollout.id, work, input, actor.username);
  return { id: rollout.id, done };
}

import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError, notFound } from "@/lib/server/errors/app-error";

/**
 * Cancel stops a running rollout from starting new targets (the ones in
 * flight finish, atomically, with their checks). An interrupted rollout is
 * closed at once and its target locks released.
 */
export async function cancelRollout(actor: Actor, id: number): Promise<void> {
  await writeTransaction(actor, async (tx, audit) => {
    const r = await tx.rollout.findUnique({ where: { id } });
    if (!r) throw notFound(`rollout #${id}`);
    if (r.status === "running") {
      await tx.rollout.update({ where: { id }, data: { cancelRequested: true } });
    } else if (r.status === "interrupted") {
      await tx.rollout.update({
        where: { id },
        data: { status: "cancelled", finishedAt: new Date(), summary: "cancelled after an interruption" },
      });
      await tx.rolloutTarget.updateMany({
        where: { rolloutId: id, status: { in: ["pending", "interrupted"] } },
        data: { status: "skipped" },
      });
      await tx.targetLock.deleteMany({ where: { rolloutId: id } });
    } else {
      throw new AppError("conflict", `rollout #${id} already ended (${r.status}); nothing to cancel`);
    }
    audit({ type: "rollout", id, action: "rollout.cancel" }, null, null, `cancelled rollout #${id}`);
  });
}

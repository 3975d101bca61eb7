import type { Actor } from "@/lib/server/auth/actor";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/errors/app-error";

/**
 * Cancel stops a running rollout from starting new targets (the ones in
 * flight finish, atomically, with their checks). An interrupted rollout is
 * closed at once and its target locks released.
 */
export async function cancelRollout(actor: Actor, id: number): Promise<void> {
  await db().$transaction(async (tx) => {
    const r = await tx.rollout.findUnique({ where: { id } });
    if (!r) throw notFound(`rollout #${id}`);
    if (r.status === "running") {
      await tx.rollout.update({ where: { id }, data: { cancelRequested: true } });
    } else if (r.status === "interrupted") {
      await tx.rollout.update({ where: { id }, data: { status: "cancelled", finishedAt: new Date(), summary: "cancelled after an interruption" } });
      await tx.rolloutTarget.updateMany({ where: { rolloutId: id, status: { in: ["pending", "interrupted"] } }, data: { status: "skipped" } });
      await tx.targetLock.deleteMany({ where: { rolloutId: id } });
    } else {
      throw new AppError("conflict", `rollout #${id} already ended (${r.status}); nothing to cancel`);
    }
    await recordAuditEvent(tx, { actor: actor.username, action: "rollout.cancel", entityType: "rollout", entityId: id, summary: `cancelled rollout #${id}` });
  });
}

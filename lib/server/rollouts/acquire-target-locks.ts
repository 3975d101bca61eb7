import type { Tx } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";

/**
 * One TargetLock row per target: its primary key makes "one rollout at a time
 * per target" true across every dashboard instance. A clash names who holds
 * the target, so the second operator knows whom to ask.
 */
export async function acquireTargetLocks(
  tx: Tx,
  rolloutId: number,
  keys: string[],
  labels: Map<string, string>,
  username: string,
): Promise<void> {
  const held = await tx.targetLock.findMany({ where: { targetKey: { in: keys }, rolloutId: { not: rolloutId } } });
  if (held.length > 0) {
    const first = held[0]!;
    const holder = await tx.rollout.findUnique({
      where: { id: first.rolloutId },
      select: { createdBy: true, status: true },
    });
    const what = held
      .map((h) => labels.get(h.targetKey) ?? h.targetKey)
      .slice(0, 5)
      .join(", ");
    const more = held.length > 5 ? ` and ${held.length - 5} more` : "";
    const hint =
      holder?.status === "interrupted"
        ? "; it was interrupted — resume or cancel it first"
        : "; wait for it to finish or ask them to cancel it";
    throw new AppError(
      "conflict",
      `${what}${more} in progress by ${first.lockedBy} (rollout #${first.rolloutId})${hint}`,
    );
  }
  const mine = new Set((await tx.targetLock.findMany({ where: { rolloutId } })).map((l) => l.targetKey));
  const fresh = keys.filter((k) => !mine.has(k));
  // createMany's unique violation (P2002) is the backstop for a race between two instances.
  if (!fresh.length) return;
  try {
    await tx.targetLock.createMany({ data: fresh.map((targetKey) => ({ targetKey, rolloutId, lockedBy: username })) });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") {
      throw new AppError(
        "conflict",
        "another rollout took some of these targets a moment ago; look at the rollout list and try again",
      );
    }
    throw e;
  }
}

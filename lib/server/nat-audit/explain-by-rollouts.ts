import type { Db, Tx } from "@/lib/server/db/client";
import type { NatDrift } from "./nat-audit-views";

/** Target states in which a rollout may have changed the box's owned chains. */
const TOUCHED = ["applying", "verifying", "succeeded", "failed", "interrupted"];

/** Real (not dry-run) rollouts that worked on `boxKey` between two moments. */
export async function rolloutsBetween(client: Db | Tx, boxKey: string, from: Date, to: Date): Promise<number[]> {
  const targets = await client.rolloutTarget.findMany({
    where: {
      targetKey: boxKey,
      status: { in: TOUCHED },
      rollout: { dryRun: false },
      startedAt: { lte: to },
      OR: [{ finishedAt: null }, { finishedAt: { gte: from } }],
    },
    select: { rolloutId: true },
    orderBy: { rolloutId: "asc" },
  });
  return [...new Set(targets.map((t) => t.rolloutId))];
}

/**
 * Drift: changes Branchdesk did not make. A rollout only ever rewrites its own chains
 * (BRANCHDESK-*) and the one jump into each, so a change there is Branchdesk's when a rollout
 * worked on the box in between; any other change (a built-in chain's rule, Docker's, an
 * admin's) is drift whatever ran.
 */
export function driftOnly(changes: readonly NatDrift[], rollouts: readonly number[]): NatDrift[] {
  if (rollouts.length === 0) return [...changes];
  return changes.filter((c) => !(c.chain.startsWith("BRANCHDESK-") || /\s-j BRANCHDESK-/.test(c.text)));
}

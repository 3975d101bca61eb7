import { db } from "@/lib/server/db/client";
import { markInterruptedRollouts } from "./mark-interrupted-rollouts";
import { toRolloutView } from "./rollout-views";

/** Newest first, with per-status target counts; optionally only those touching a branch. */
export async function listRollouts(opts: { branchCode?: string; limit?: number } = {}) {
  await markInterruptedRollouts();
  const rows = await db().rollout.findMany({
    where: opts.branchCode ? { targets: { some: { branchCode: opts.branchCode } } } : {},
    orderBy: { id: "desc" },
    take: Math.min(opts.limit ?? 50, 200),
    include: { targets: { select: { status: true } } },
  });
  return { rollouts: rows.map((r) => toRolloutView(r)) };
}

import { db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";
import { markInterruptedRollouts } from "./mark-interrupted-rollouts";
import { toRolloutView, toTargetView } from "./rollout-views";

/** One rollout with every target, its plan, output and error: what the rollout page polls. */
export async function getRollout(id: number) {
  await markInterruptedRollouts();
  const r = await db().rollout.findUnique({ where: { id }, include: { targets: { orderBy: { position: "asc" } } } });
  if (!r) throw notFound(`rollout #${id}`);
  return { rollout: toRolloutView(r), targets: r.targets.map(toTargetView) };
}

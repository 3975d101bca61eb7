import { TARGET_STATUSES } from "@/lib/domain/rollouts/rollout-views";
import { createLimiter } from "./create-limiter";
import { runTarget, type EngineDeps, type TargetEnd } from "./run-target";
import type { BranchWork, RolloutOptions, RolloutOutcome, TargetRef, TargetStatus } from "./rollout-types";

/**
 * Drives a rollout over branches. Within a branch the gateway goes first and
 * its hosts follow only if it succeeded (their outbound path needs its SNAT);
 * across branches everything shares one pool of `concurrency` slots. The
 * failure budget is global: once spent, nothing new starts and the rest is
 * skipped. Cancel works the same way. Targets already running finish.
 */
export async function runRollout(
  branches: BranchWork[],
  options: RolloutOptions,
  deps: EngineDeps,
): Promise<RolloutOutcome> {
  const slots = createLimiter(options.concurrency);
  const counts = Object.fromEntries(TARGET_STATUSES.map((s) => [s, 0])) as Record<TargetStatus, number>;
  let stopReason: string | null = null;

  const shouldStop = async (): Promise<string | null> => {
    if (stopReason) return stopReason;
    if (counts.failed >= options.failureBudget) stopReason = `failure budget of ${options.failureBudget} spent`;
    else if (await deps.store.cancelRequested()) stopReason = "cancelled by an operator";
    return stopReason;
  };

  const skip = async (t: TargetRef, why: string) => {
    counts.skipped++;
    await deps.store.updateTarget(t.key, { status: "skipped", error: why, finishedAt: deps.now() });
  };

  const one = (t: TargetRef) =>
    slots.run(async (): Promise<TargetEnd | { status: "skipped"; why: string }> => {
      const stop = await shouldStop();
      if (stop) return skip(t, `not started: ${stop}`).then(() => ({ status: "skipped" as const, why: stop }));
      const end = await runTarget(t, options.dryRun, deps);
      counts[end.status]++;
      return end;
    });

  const branch = async (b: BranchWork) => {
    if (b.gateway) {
      const end = await one(b.gateway);
      // A gateway that failed, or is in flux, is no path for its hosts. The
      // label already names the kind: "gateway b1-gw (BR-9001) failed".
      const why = end.status === "skipped" ? end.why : end.status === "failed" ? `${b.gateway.label} ${end.why}` : null;
      if (why !== null) {
        for (const h of b.hosts) await skip(h, `not started: ${why}`);
        return;
      }
    }
    await Promise.all(b.hosts.map(one));
  };

  const [first, ...rest] = branches;
  if (options.canary && first) {
    await branch(first);
    if (counts.failed > 0 && !stopReason) stopReason = `canary branch ${first.code} failed`;
  }
  const remaining = options.canary ? rest : branches;
  await Promise.all(
    remaining.map(async (b) => {
      if (stopReason) {
        for (const t of [b.gateway, ...b.hosts]) if (t) await skip(t, `not started: ${stopReason}`);
        return;
      }
      await branch(b);
    }),
  );

  const cancelled = stopReason === "cancelled by an operator";
  const status = cancelled ? "cancelled" : counts.failed > 0 || counts.skipped > 0 ? "failed" : "succeeded";
  return { status, counts, reason: stopReason };
}

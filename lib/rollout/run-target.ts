import type { RolloutStore, TargetDriver, TargetRef, TargetSession } from "./rollout-types";

type Deps = { driver: TargetDriver; store: RolloutStore; newToken: () => string; now: () => Date };
type Final = "succeeded" | "unchanged" | "planned" | "failed";

/**
 * One target through its state machine:
 *   pending -> planning -> planned (dry run ends here; no change ends as "unchanged")
 *           -> applying (atomic, dead-man armed) -> verifying (end-to-end check)
 *           -> succeeded (confirmed) | failed (rolled back, or the box's dead-man will).
 */
export async function runTarget(t: TargetRef, dryRun: boolean, deps: Deps): Promise<Final> {
  const { store, now } = deps;
  const started = now();
  await store.updateTarget(t.key, { status: "planning", startedAt: started, error: null });
  const opened = await deps.driver.open(t);
  if (!opened.ok) return fail(t, deps, `cannot reach ${t.label}: ${opened.error}`);
  const session = opened.value;
  try {
    return await drive(t, session, dryRun, deps);
  } catch (e) {
    return fail(t, deps, `${t.label}: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await session.close().catch(() => undefined);
  }
}

async function drive(t: TargetRef, session: TargetSession, dryRun: boolean, deps: Deps): Promise<Final> {
  const { store, now } = deps;
  const plan = await session.plan();
  if (!plan.ok) return fail(t, deps, `planning ${t.label} failed: ${plan.error}`);
  if (!plan.value.changed) {
    await store.updateTarget(t.key, { status: "unchanged", plan: plan.value, finishedAt: now() });
    return "unchanged";
  }
  if (dryRun) {
    await store.updateTarget(t.key, { status: "planned", plan: plan.value, finishedAt: now() });
    return "planned";
  }
  await store.updateTarget(t.key, { status: "applying", plan: plan.value });
  const token = deps.newToken();
  const applied = await session.apply(token);
  if (!applied.ok) return fail(t, deps, `applying on ${t.label} failed, nothing changed there: ${applied.error}`);
  await store.updateTarget(t.key, { status: "verifying", output: applied.value.output });
  const verified = await session.verify();
  if (!verified.ok) {
    const rolledBack = await session.rollback(token);
    const how = rolledBack.ok ? "rolled back" : `rollback request failed (${rolledBack.error}); the box's dead-man timer will roll back`;
    return fail(t, deps, `end-to-end check failed: ${verified.error}; ${how}`, applied.value.output);
  }
  const confirmed = await session.confirm(token);
  if (!confirmed.ok) {
    return fail(t, deps, `confirming ${t.label} failed (${confirmed.error}); its dead-man timer rolls the change back`, applied.value.output);
  }
  await store.updateTarget(t.key, { status: "succeeded", output: [applied.value.output, verified.value.output].join("\n"), finishedAt: now() });
  return "succeeded";
}

async function fail(t: TargetRef, deps: Deps, error: string, output?: string): Promise<"failed"> {
  await deps.store.updateTarget(t.key, { status: "failed", error, output, finishedAt: deps.now() });
  return "failed";
}

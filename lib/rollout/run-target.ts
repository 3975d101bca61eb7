import { planSettled } from "./plan-settled";
import type { RolloutStore, TargetDriver, TargetRef, TargetSession } from "./rollout-types";

export type EngineDeps = {
  driver: TargetDriver;
  store: RolloutStore;
  newToken: () => string;
  now: () => Date;
  /** Injected by tests; real time by default. */
  sleep?: (ms: number) => Promise<void>;
  /** How long a target may wait for an unconfirmed change on its box to resolve (plan-settled.ts). */
  pendingWaitSeconds?: number;
};
/** One default dead-man window (30 s) and the few seconds its rollback takes. */
const PENDING_WAIT_SECONDS = 35;
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
type Final = "succeeded" | "unchanged" | "planned" | "failed";
/**
 * How a target ended. `why` completes "<label> …" ("failed", "has an
 * unconfirmed change (…)"): the reason given to the hosts behind a gateway.
 */
export type TargetEnd = { status: Final; why: string };

/**
 * One target through its state machine:
 *   pending -> planning (waits, bounded, while the box holds an unconfirmed change)
 *           -> planned (dry run ends here; no change ends as "unchanged")
 *           -> applying (atomic, dead-man armed) -> verifying (end-to-end check)
 *           -> succeeded (confirmed) | failed (rolled back, or the box's dead-man will).
 */
export async function runTarget(t: TargetRef, dryRun: boolean, deps: EngineDeps): Promise<TargetEnd> {
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

async function drive(t: TargetRef, session: TargetSession, dryRun: boolean, deps: EngineDeps): Promise<TargetEnd> {
  const { store, now } = deps;
  const onWait = (output: string) => store.updateTarget(t.key, { status: "planning", output });
  const settled = await planSettled(t.label, session, {
    sleep: deps.sleep ?? realSleep,
    pendingWaitSeconds: deps.pendingWaitSeconds ?? PENDING_WAIT_SECONDS,
    onWait,
  });
  if (settled.kind === "error") return fail(t, deps, `planning ${t.label} failed: ${settled.error}`);
  // In flux is not "unchanged": what runs there now may be rolled back any second.
  if (settled.kind === "in-flux") return fail(t, deps, `${t.label} ${settled.why}`, undefined, settled.why);
  const { plan, note } = settled;
  const withNote = (...lines: string[]) => [note, ...lines].filter(Boolean).join("\n");
  if (!plan.changed || dryRun) {
    const status = plan.changed ? "planned" : "unchanged";
    await store.updateTarget(t.key, { status, plan, finishedAt: now(), ...(note && { output: note }) });
    return { status, why: status };
  }
  await store.updateTarget(t.key, { status: "applying", plan });
  const token = deps.newToken();
  const applied = await session.apply(token);
  if (!applied.ok) {
    return fail(t, deps, `applying on ${t.label} failed, nothing changed there: ${applied.error}`, note ?? undefined);
  }
  const output = withNote(applied.value.output);
  await store.updateTarget(t.key, { status: "verifying", output });
  const verified = await session.verify();
  if (!verified.ok) {
    const rolledBack = await session.rollback(token);
    const how = rolledBack.ok
      ? "rolled back"
      : `rollback request failed (${rolledBack.error}); the box's dead-man timer will roll back`;
    return fail(t, deps, `end-to-end check failed: ${verified.error}; ${how}`, output);
  }
  const confirmed = await session.confirm(token);
  if (!confirmed.ok) {
    const error = `confirming ${t.label} failed, so its dead-man timer rolls the change back: ${confirmed.error}`;
    return fail(t, deps, error, output);
  }
  const done = withNote(applied.value.output, verified.value.output);
  await store.updateTarget(t.key, { status: "succeeded", output: done, finishedAt: now() });
  return { status: "succeeded", why: "succeeded" };
}

async function fail(t: TargetRef, deps: EngineDeps, error: string, output?: string, why = "failed") {
  await deps.store.updateTarget(t.key, { status: "failed", error, output, finishedAt: deps.now() });
  return { status: "failed", why } satisfies TargetEnd;
}

import { inFluxReason, rolloutOfToken, secondsToWait } from "./pending-change";
import type { PendingChange, TargetPlan, TargetSession } from "./rollout-types";

export type SettleDeps = {
  /** Injected so tests run without waiting. */
  sleep: (ms: number) => Promise<void>;
  /** Longest total wait for a box's unconfirmed change to resolve before refusing it. */
  pendingWaitSeconds: number;
  /** Told before each wait (the target's row says what it waits for). */
  onWait: (text: string) => Promise<void>;
};

export type Settled =
  | { kind: "plan"; plan: TargetPlan; note: string | null }
  | { kind: "in-flux"; why: string }
  | { kind: "error"; error: string };

/**
 * Plans a target whose box may hold an unconfirmed change: while its dead-man
 * will resolve it within the budget, waits and reads the box again (same
 * session: no new connection); otherwise answers in flux, with the token and
 * the seconds left. `note` says how long it waited, for the target's output.
 */
export async function planSettled(label: string, session: TargetSession, deps: SettleDeps): Promise<Settled> {
  let waited = 0;
  let last: PendingChange | null = null;
  for (;;) {
    const r = await session.plan();
    if (!r.ok) return { kind: "error", error: r.error };
    const outcome = r.value;
    if (outcome.kind === "plan") {
      const note =
        last && waited > 0
          ? `waited ${waited} s for the unconfirmed change ${describeToken(last.token)} to resolve`
          : null;
      return { kind: "plan", plan: outcome.plan, note };
    }
    last = outcome.pending;
    const wait = secondsToWait(last, waited, deps.pendingWaitSeconds);
    if (wait === null) {
      return { kind: "in-flux", why: `${inFluxReason(last)}${waited > 0 ? ` (waited ${waited} s)` : ""}` };
    }
    await deps.onWait(`waiting up to ${wait} s: ${label} ${inFluxReason(last)}`);
    await deps.sleep(wait * 1000);
    waited += wait;
  }
}

function describeToken(token: string): string {
  const from = rolloutOfToken(token);
  return from === null ? token : `${token} (from rollout #${from})`;
}

/**
 * How often a password may be tried: pure rules, no I/O (the database part is
 * lib/server/auth/reserve-sign-in.ts). A growing delay rather than a hard lock: a hard lock lets anyone
 * who knows a username lock its owner out, while a delay that doubles after each failure
 * costs a typo-prone user seconds and a guesser almost everything (after 14 failures:
 * one guess per 15 minutes, ~100 a day, against passwords that passwordProblems() has
 * already kept off the top of the guess lists).
 */
export type ThrottlePolicy = {
  /** failures allowed back to back before any delay */
  free: number;
  /** delay after the first failure past `free`; each further one doubles it */
  firstDelayMs: number;
  maxDelayMs: number;
  /** a quiet period this long (since the last check) restarts the count */
  forgetAfterMs: number;
};

const MINUTE = 60_000;

/** Per username (whether it exists or not, so the answer never tells). */
export const USER_THROTTLE: ThrottlePolicy = {
  free: 5,
  firstDelayMs: 2000,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 24 * 60 * MINUTE,
};

/** Per client address: stops one client spraying one password over many usernames. */
export const CLIENT_THROTTLE: ThrottlePolicy = {
  free: 20,
  firstDelayMs: 2000,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
};

export type ThrottleState = { failures: number; lastAt: Date; nextAt: Date };

export const userThrottleKey = (username: string) => `user:${username}`;
export const clientThrottleKey = (client: string) => `ip:${client}`;

/** The delay that follows `failures` failures in a row: 0, ..., 0, 2 s, 4 s, ... 15 min. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(failures - policy.free, 30));
}

/** The state as it counts at `now`: null once a quiet period has restarted the count. */
export function currentState(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): ThrottleState | null {
  return state && now.getTime() - state.lastAt.getTime() < policy.forgetAfterMs ? state : null;
}

/**
 * How long to wait before a password may be checked; 0 = now. Within the free failures
 * nothing waits, whatever nextAt says: parallel requests take `now` before they queue for
 * the row, so a later one may have stamped a nextAt a few ms after an earlier one's now.
 */
export function waitMs(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): number {
  const current = currentState(state, policy, now);
  if (!current || current.failures < policy.free) return 0;
  return Math.max(0, current.nextAt.getTime() - now.getTime());
}

/**
 * The state once one more check is let through. It counts as a failure from the start
 * (a success undoes it): that is what keeps parallel attempts from all slipping past
 * a count taken before any of them had failed.
 */
export function afterReservation(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): ThrottleState {
  const failures = (currentState(state, policy, now)?.failures ?? 0) + 1;
  return { failures, lastAt: now, nextAt: new Date(now.getTime() + delayAfter(failures, policy)) };
}

/** "32 s", "4 min 16 s", "15 min": rounded up, so waiting that long is always enough. */
export function formatWait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
}

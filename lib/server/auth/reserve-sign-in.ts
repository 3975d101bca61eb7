import type { Tx } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import {
  afterReservation,
  CLIENT_THROTTLE,
  delayAfter,
  USER_THROTTLE,
  waitMs,
  type ThrottlePolicy,
  type ThrottleState,
} from "@/lib/domain/users/sign-in-throttle";

export type SignInKeys = { user: string; client: string };
export type SignInRefusal = { by: "user" | "client"; key: string; waitMs: number; failures: number };

// The client's allowance first, then the user's: every reservation takes the two rows in
// the same order, so two of them can never wait on each other.
const LIMITS = [
  ["client", CLIENT_THROTTLE],
  ["user", USER_THROTTLE],
] as const;

/**
 * Takes one password check from both the user's and the client's allowance before the
 * password is hashed, or answers which allowance refuses and for how long (taking
 * nothing). Counting first and recording the failure after the ~100 ms hash let 30
 * parallel attempts all through; here the check is counted as a failure the moment it
 * is let through, in one SERIALIZABLE transaction, so the database decides for every
 * dashboard instance: of two reservations that read the same row, PostgreSQL aborts one
 * and writeTransaction re-runs it (reading the winner's count); SQLite runs one at a time.
 */
export async function reserveSignIn(keys: SignInKeys, now: Date): Promise<SignInRefusal | null> {
  try {
    // Nobody is signed in yet, and a reservation is no change to audit.
    return await writeTransaction(
      { username: "anonymous" },
      async (tx) => {
        const rows: Array<ThrottleState | null> = [];
        for (const [by] of LIMITS) rows.push(await tx.loginThrottle.findUnique({ where: { key: keys[by] } }));
        const refusals = LIMITS.map(([by, policy], i) => refusal(by, keys[by], rows[i] ?? null, policy, now));
        const worst = refusals.filter((r) => r !== null).sort((a, b) => b.waitMs - a.waitMs)[0];
        if (worst) return worst;
        for (const [i, [by, policy]] of LIMITS.entries()) {
          const next = afterReservation(rows[i] ?? null, policy, now);
          await tx.loginThrottle.upsert({ where: { key: keys[by] }, create: { key: keys[by], ...next }, update: next });
        }
        return null;
      },
      { retryOnUnique: (v) => v.model === "LoginThrottle" },
    );
  } catch (error) {
    // Still contended after every retry: refuse rather than check a password uncounted.
    if ((error as { code?: unknown })?.code === "P2034") {
      const message = "too many sign-ins at once for this username or address; try again in a moment";
      throw new AppError("rate_limited", message);
    }
    throw error;
  }
}

function refusal(by: SignInRefusal["by"], key: string, row: ThrottleState | null, policy: ThrottlePolicy, now: Date) {
  const wait = waitMs(row, policy, now);
  return wait > 0 && row ? { by, key, waitMs: wait, failures: row.failures } : null;
}

/**
 * After a right password: the user's count starts afresh; the reservation taken from the
 * client's allowance is handed back (it was no failure), but the address keeps its other
 * failures, so one good account cannot launder a spray. Runs in the caller's transaction.
 */
export async function releaseSignIn(tx: Tx, keys: SignInKeys): Promise<void> {
  await tx.loginThrottle.deleteMany({ where: { key: keys.user } });
  const client = await tx.loginThrottle.findUnique({ where: { key: keys.client } });
  if (!client || client.failures === 0) return;
  const failures = client.failures - 1;
  const nextAt = new Date(client.lastAt.getTime() + delayAfter(failures, CLIENT_THROTTLE));
  await tx.loginThrottle.update({ where: { key: keys.client }, data: { failures, nextAt } });
}

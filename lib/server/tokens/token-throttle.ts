import {
  afterReservation,
  CLIENT_THROTTLE,
  clientThrottleKey,
  formatWait,
  waitMs,
} from "@/lib/domain/users/sign-in-throttle";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";

/**
 * Failed bearer tokens share the per-client allowance of failed sign-ins (the same
 * LoginThrottle row, `ip:<address>`): a client guessing tokens and one guessing passwords
 * are the same client. Unlike a sign-in, a token check is not reserved first: a secret of
 * 256 bits cannot be guessed, so the limit is against floods, and a good token must not
 * cost a serializable write on every request. A parallel burst may therefore overshoot the
 * count by the burst's size before the wait applies.
 */
export async function refuseThrottledClient(client: string, now: Date): Promise<void> {
  const row = await db().loginThrottle.findUnique({ where: { key: clientThrottleKey(client) } });
  const wait = waitMs(row, CLIENT_THROTTLE, now);
  if (wait > 0) {
    throw new AppError(
      "rate_limited",
      `too many failed sign-ins or tokens from your address (${client}): wait ${formatWait(wait)} before trying again`,
    );
  }
}

/** One more failure for the client's address. */
export async function countTokenFailure(client: string, now: Date): Promise<void> {
  const key = clientThrottleKey(client);
  await writeTransaction(
    { username: "anonymous" },
    async (tx) => {
      const row = await tx.loginThrottle.findUnique({ where: { key } });
      const next = afterReservation(row, CLIENT_THROTTLE, now);
      await tx.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
    },
    { retryOnUnique: (v) => v.model === "LoginThrottle" },
  );
}

import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { TRANSACTION_BOUNDS } from "@/lib/server/db/write-transaction";
import { currentRequestId } from "@/lib/server/request-context";
import type { SignInRefusal } from "./reserve-sign-in";
import { formatWait } from "@/lib/domain/users/sign-in-throttle";

// Refusals cost an attacker nothing (no password is hashed), and the audit log is
// append-only: one event per user or address a minute, counting the refusals between.
const LOG_EVERY_MS = 60_000;

/** A sign-in refused by the throttle, for admins; at most one event a minute per user or address. */
export async function auditSignInRefusal(
  refusal: SignInRefusal,
  user: { id: number; username: string } | null,
  client: string,
  now: Date,
): Promise<void> {
  // Not writeTransaction: the compare-and-set below is what settles a race, at the
  // database's default isolation, without a burst of refusals retrying each other.
  await db().$transaction(async (tx) => {
    const row = await tx.loginThrottle.findUnique({ where: { key: refusal.key } });
    if (!row) return;
    const due = !row.refusalLoggedAt || now.getTime() - row.refusalLoggedAt.getTime() >= LOG_EVERY_MS;
    // Compare-and-set: of two refusals racing for the same minute, one logs and one counts.
    const { count } = due
      ? await tx.loginThrottle.updateMany({
          where: { key: refusal.key, refusalLoggedAt: row.refusalLoggedAt, refusals: row.refusals },
          data: { refusalLoggedAt: now, refusals: 0 },
        })
      : { count: 0 };
    if (count === 0) {
      await tx.loginThrottle.updateMany({ where: { key: refusal.key }, data: { refusals: { increment: 1 } } });
      return;
    }
    const { failures, waitMs } = refusal;
    const why = refusal.by === "user" ? `${failures} failures in a row` : `${failures} failures from this address`;
    const more = row.refusals > 0 ? ` (${row.refusals} more refused since the previous entry)` : "";
    const who = user?.username ?? "an unknown username";
    await recordAuditEvent(tx, {
      actor: "anonymous",
      action: "session.rate-limited",
      entity: { type: "user", id: user?.id ?? null },
      summary:
        `sign-in as ${who} from ${client} refused without checking the password: ` +
        `${why}, wait ${formatWait(waitMs)}${more}`,
      after: { username: user?.username ?? null, client, limit: refusal.by, failures, waitMs },
      requestId: currentRequestId(),
    });
  }, TRANSACTION_BOUNDS);
}

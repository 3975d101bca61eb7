import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { TRANSACTION_BOUNDS } from "@/lib/server/db/write-transaction";
import { currentRequestId } from "@/lib/server/request-context";

export type SignInFailure =
  | "wrong password"
  | "the account is disabled"
  // directory sign-in (lib/server/directory/sign-in-with-directory.ts)
  | "in no mapped directory group"
  | "directory unreachable";

/**
 * A checked and failed sign-in, for admins (listAuditEvents keeps account events from
 * other roles). Never the password; and a username nobody has is not written either: it
 * is often a password typed into the wrong field, and this log can never be cleaned.
 */
export async function auditSignInFailure(
  user: { id: number; username: string } | null,
  client: string,
  reason: SignInFailure,
): Promise<void> {
  const who = user ? `as ${user.username}` : "as an unknown username";
  // Not writeTransaction: one insert checks no invariant, and a burst of failures must not
  // serialize and retry against each other.
  await db().$transaction(async (tx) => {
    await recordAuditEvent(tx, {
      actor: "anonymous",
      action: "session.sign-in-failed",
      entity: { type: "user", id: user?.id ?? null },
      summary: `failed sign-in ${who} from ${client}${user ? `: ${reason}` : ""}`,
      after: { username: user?.username ?? null, client, reason: user ? reason : "unknown username" },
      requestId: currentRequestId(),
    });
  }, TRANSACTION_BOUNDS);
}

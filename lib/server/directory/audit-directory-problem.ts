import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { TRANSACTION_BOUNDS } from "@/lib/server/db/write-transaction";
import { currentRequestId } from "@/lib/server/request-context";
import type { DirectoryRefused, DirectoryUnreachable } from "./directory-client";

// An outage makes every sign-in and every session re-check fail: one event a minute per
// dashboard process says it without flooding the append-only log.
const LOG_EVERY_MS = 60_000;
let lastLoggedAt = 0;
let unlogged = 0;

/** A directory outage (or refusal of the search account), for admins: at most one event a minute. */
export async function auditDirectoryProblem(
  problem: DirectoryUnreachable | DirectoryRefused,
  during: string,
  now = new Date(),
): Promise<void> {
  if (now.getTime() - lastLoggedAt < LOG_EVERY_MS) {
    unlogged++;
    return;
  }
  const more = unlogged > 0 ? ` (${unlogged} more since the previous entry)` : "";
  lastLoggedAt = now.getTime();
  unlogged = 0;
  const unreachable = "failures" in problem;
  await db().$transaction(async (tx) => {
    await recordAuditEvent(tx, {
      actor: "system",
      action: unreachable ? "directory.unreachable" : "directory.refused",
      entity: { type: "directory-settings", id: 1 },
      summary: `${problem.message}, during ${during}${more}`,
      after: unreachable ? { replicas: problem.failures } : { reason: problem.message },
      requestId: currentRequestId(),
    });
  }, TRANSACTION_BOUNDS);
}

/** Tests: forget the last entry's time, so each test sees its own first event. */
export function resetDirectoryAuditClock(): void {
  lastLoggedAt = 0;
  unlogged = 0;
}

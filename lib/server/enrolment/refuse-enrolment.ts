import type { EnrolmentRefusal } from "@/lib/domain/enrolment/check-enrolment";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError, type ErrorCode } from "@/lib/server/errors/app-error";

const STATUS: Record<EnrolmentRefusal["reason"], ErrorCode> = {
  reused: "forbidden",
  revoked: "forbidden",
  expired: "forbidden",
  "wrong-branch": "conflict",
  "serial-mismatch": "conflict",
  "key-mismatch": "conflict",
};

/**
 * Records a refused enrolment (one audit event, nothing else) and answers it.
 * The token stays as it was: a refusal does not use it up, so the techie can
 * fix the cause and run the one-liner again before it expires; an admin who
 * reads the refusal in the audit log revokes it if it looks like an attack.
 */
export async function refuseEnrolment(
  actorName: string,
  branch: { id: number | null; code: string },
  refusal:
    EnrolmentRefusal | { reason: string; field: string; message: string; code: ErrorCode; fields?: AppError["fields"] },
  box: Record<string, unknown>,
): Promise<never> {
  await writeTransaction({ username: actorName }, async (_tx, audit) => {
    const entity = { type: "branch", id: branch.id, action: "branch.enrolment-refused" } as const;
    const summary = `refused an enrolment into ${branch.code} (${refusal.reason}): ${refusal.message}`;
    audit(entity, null, { reason: refusal.reason, ...box }, summary);
  });
  const code = "code" in refusal ? refusal.code : STATUS[refusal.reason as EnrolmentRefusal["reason"]];
  const fields = "fields" in refusal && refusal.fields ? refusal.fields : { [refusal.field]: [refusal.message] };
  throw new AppError(code, refusal.message, fields);
}

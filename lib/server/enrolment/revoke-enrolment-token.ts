import type { EnrolmentTokenView } from "@/lib/domain/enrolment/enrolment-views";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { toEnrolmentTokenView } from "./to-enrolment-token-view";

/** Revokes an unused token at once (a leaked one-liner, a box that will not come). Audited. */
export async function revokeEnrolmentToken(actor: Actor, id: number, now = new Date()): Promise<EnrolmentTokenView> {
  return writeTransaction(actor, async (tx, audit) => {
    const t = await tx.enrolmentToken.findUnique({ where: { id }, include: { branch: { select: { code: true } } } });
    if (!t) throw notFound(`enrolment token ${id}`);
    if (t.usedAt) throw new AppError("conflict", `enrolment token #${id} was already used: there is nothing to revoke`);
    const before = toEnrolmentTokenView(t, t.branch.code, now);
    if (t.revokedAt) return before;
    const row = await tx.enrolmentToken.update({ where: { id }, data: { revokedAt: now } });
    const after = toEnrolmentTokenView(row, t.branch.code, now);
    const entity = { type: "branch", id: t.branchId, action: "branch.enrolment-token-revoke" } as const;
    audit(entity, before, after, `revoked enrolment token #${id} for ${t.branch.code}`);
    return after;
  });
}

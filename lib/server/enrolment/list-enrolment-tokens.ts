import type { EnrolmentTokenView } from "@/lib/domain/enrolment/enrolment-views";
import { db } from "@/lib/server/db/client";
import { findBranch } from "@/lib/server/inventory/find-branch";
import { toEnrolmentTokenView } from "./to-enrolment-token-view";

/** A branch's enrolment tokens, newest first (never the secrets: only hashes are stored). */
export async function listEnrolmentTokens(branchCode: string, now = new Date()): Promise<EnrolmentTokenView[]> {
  const branch = await findBranch(db(), branchCode);
  const rows = await db().enrolmentToken.findMany({
    where: { branchId: branch.id },
    orderBy: { id: "desc" },
    take: 100,
  });
  return rows.map((t) => toEnrolmentTokenView(t, branch.code, now));
}

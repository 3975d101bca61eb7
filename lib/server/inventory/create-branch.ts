import { addFieldError } from "@/lib/domain/field-errors";
import type { CreateBranchInput } from "@/lib/domain/inventory/branch-input";
import { checkBranch, EMPTY_BRANCH } from "@/lib/domain/inventory/check-branch";
import type { BranchWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { branchWarnings, withWarnings } from "@/lib/domain/inventory/link-local-warnings";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { assertValid } from "@/lib/server/errors/app-error";
import { loadOtherLans } from "./load-other-lans";
import { toBranchView } from "./to-views";

/** Creates a branch; the answer carries warnings (an RFC 3927-reserved link-local address) beside it. */
export async function createBranch(actor: Actor, input: CreateBranchInput): Promise<BranchWriteResponse> {
  return writeTransaction(actor, async (tx, audit) => {
    const errors = checkBranch(input, { ...EMPTY_BRANCH, otherLans: await loadOtherLans(tx) });
    const existing = await tx.branch.findUnique({ where: { code: input.code }, select: { name: true } });
    if (existing) addFieldError(errors, "code", `${input.code} already exists (${existing.name})`);
    assertValid(errors, `branch ${input.code} cannot be created`);
    const row = await tx.branch.create({ data: input });
    const view = toBranchView(row);
    const warnings = branchWarnings(input);
    const summary = withWarnings(`created branch ${row.code} (${row.name}, LAN ${row.lanCidr})`, warnings);
    audit({ type: "branch", id: row.code }, null, view, summary);
    return { branch: { ...view, gateway: null }, warnings };
  });
}

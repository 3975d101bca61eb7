import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import { findBranch } from "./find-branch";
import { toBranchView } from "./to-views";

/**
 * Deletes an empty branch. A branch with hosts or a gateway is refused, never
 * cascaded: the hosts' link-local addresses and guest IPs only mean something
 * inside their branch, so deleting them silently would lose the fleet's map.
 */
export async function deleteBranch(actor: Actor, code: string): Promise<void> {
  await writeTransaction(actor, async (tx, audit) => {
    const branch = await findBranch(tx, code);
    const hosts = await tx.host.count({ where: { branchId: branch.id } });
    if (hosts > 0) {
      throw new AppError(
        "conflict",
        `branch ${branch.code} still has ${hosts} host${hosts === 1 ? "" : "s"}; delete them first`,
      );
    }
    if (branch.gateway) {
      throw new AppError(
        "conflict",
        `branch ${branch.code} still has its gateway ${branch.gateway.hostname}; delete the gateway first`,
      );
    }
    await tx.branch.delete({ where: { id: branch.id } });
    const summary = `deleted branch ${branch.code} (${branch.name})`;
    audit({ type: "branch", id: branch.code }, toBranchView(branch), null, summary);
  });
}

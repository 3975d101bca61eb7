import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { notFound } from "@/lib/server/errors/app-error";
import { findBranch } from "./find-branch";
import { toGatewayView } from "./to-views";

export async function deleteGateway(actor: Actor, branchCode: string): Promise<void> {
  await writeTransaction(actor, async (tx, audit) => {
    const branch = await findBranch(tx, branchCode);
    if (!branch.gateway) throw notFound(`a gateway for branch ${branch.code}`);
    await tx.gateway.delete({ where: { id: branch.gateway.id } });
    const summary = `deleted gateway ${branch.gateway.hostname} of ${branch.code}`;
    audit({ type: "gateway", id: branch.code }, toGatewayView(branch.gateway), null, summary);
  });
}

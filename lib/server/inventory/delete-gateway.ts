import type { Actor } from "@/lib/server/auth/actor";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { notFound } from "@/lib/server/errors/app-error";
import { findBranch } from "./find-branch";
import { toGatewayView } from "./to-views";
import { writeTransaction } from "@/lib/server/db/write-transaction";

export async function deleteGateway(actor: Actor, branchCode: string): Promise<void> {
  await writeTransaction(async (tx) => {
    const branch = await findBranch(tx, branchCode);
    if (!branch.gateway) throw notFound(`a gateway for branch ${branch.code}`);
    await tx.gateway.delete({ where: { id: branch.gateway.id } });
    await recordAuditEvent(tx, {
      actor: actor.username, action: "gateway.delete", entityType: "gateway", entityId: branch.code,
      summary: `deleted gateway ${branch.gateway.hostname} of ${branch.code}`, before: toGatewayView(branch.gateway),
    });
  });
}

import type { Actor } from "@/lib/server/auth/actor";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { findHost } from "./find-host";
import { toHostView } from "./to-views";
import { writeTransaction } from "@/lib/server/db/write-transaction";

/**
 * Deletes a host and the guest it runs: the guest VM lives on the host's disk
 * and bridge, it cannot outlive it. Its MACs stay in UsedMac, so the allocator
 * never hands them out again.
 */
export async function deleteHost(actor: Actor, id: number): Promise<void> {
  await writeTransaction(async (tx) => {
    const host = await findHost(tx, id);
    if (host.guest) await tx.guest.delete({ where: { id: host.guest.id } });
    await tx.host.delete({ where: { id: host.id } });
    const guest = host.guest ? ` and its guest ${host.guest.name}` : "";
    await recordAuditEvent(tx, {
      actor: actor.username, action: "host.delete", entityType: "host", entityId: host.id,
      summary: `deleted host ${host.hostname}${guest} from ${host.branch.code}`, before: toHostView(host),
    });
  });
}

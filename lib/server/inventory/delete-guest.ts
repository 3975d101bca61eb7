import type { Actor } from "@/lib/server/auth/actor";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { notFound } from "@/lib/server/errors/app-error";
import { findHost } from "./find-host";
import { toGuestView } from "./to-views";
import { writeTransaction } from "@/lib/server/db/write-transaction";

export async function deleteGuest(actor: Actor, hostId: number): Promise<void> {
  await writeTransaction(async (tx) => {
    const host = await findHost(tx, hostId);
    if (!host.guest) throw notFound(`a guest on host ${host.hostname}`);
    await tx.guest.delete({ where: { id: host.guest.id } });
    await recordAuditEvent(tx, {
      actor: actor.username, action: "guest.delete", entityType: "guest", entityId: host.id,
      summary: `deleted guest ${host.guest.name} (${host.guest.ip}) from host ${host.hostname} in ${host.branch.code}`,
      before: toGuestView(host.guest),
    });
  });
}

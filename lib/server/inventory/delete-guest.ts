import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { notFound } from "@/lib/server/errors/app-error";
import { findHost } from "./find-host";
import { toGuestView } from "./to-views";

export async function deleteGuest(actor: Actor, hostId: number): Promise<void> {
  await writeTransaction(actor, async (tx, audit) => {
    const host = await findHost(tx, hostId);
    if (!host.guest) throw notFound(`a guest on host ${host.hostname}`);
    await tx.guest.delete({ where: { id: host.guest.id } });
    const guest = `${host.guest.name} (${host.guest.ip})`;
    const summary = `deleted guest ${guest} from host ${host.hostname} in ${host.branch.code}`;
    audit({ type: "guest", id: host.id }, toGuestView(host.guest), null, summary);
  });
}

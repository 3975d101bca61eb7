import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { findHost } from "./find-host";
import { toHostView } from "./to-views";

/**
 * Deletes a host and the guest it runs: the guest VM lives on the host's disk
 * and bridge, it cannot outlive it. Its MACs stay in UsedMac, so the allocator
 * never hands them out again.
 */
export async function deleteHost(actor: Actor, id: number): Promise<void> {
  await writeTransaction(actor, async (tx, audit) => {
    const host = await findHost(tx, id);
    if (host.guest) await tx.guest.delete({ where: { id: host.guest.id } });
    await tx.host.delete({ where: { id: host.id } });
    const guest = host.guest ? ` and its guest ${host.guest.name}` : "";
    const summary = `deleted host ${host.hostname}${guest} from ${host.branch.code}`;
    audit({ type: "host", id: host.id }, toHostView(host), null, summary);
  });
}

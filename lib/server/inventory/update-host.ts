import { checkHost } from "@/lib/domain/inventory/check-host";
import type { UpdateHostInput } from "@/lib/domain/inventory/host-input";
import type { HostWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { hostWarnings, withWarnings } from "@/lib/domain/inventory/link-local-warnings";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Mac } from "@/lib/domain/values/mac";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { assertValid } from "@/lib/server/errors/app-error";
import { recordUsedMacs } from "./allocate-guest-mac";
import { findHost } from "./find-host";
import { loadHostContext } from "./load-host-context";
import { HOST_INCLUDE, toHostView } from "./to-views";

/** Edits a host's own fields (its guest has its own route); the result is re-checked as a whole. */
export async function updateHost(actor: Actor, id: number, input: UpdateHostInput): Promise<HostWriteResponse> {
  return writeTransaction(actor, async (tx, audit) => {
    const host = await findHost(tx, id);
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as UpdateHostInput;
    const next = {
      hostname: changes.hostname ?? host.hostname,
      serial: changes.serial ?? host.serial,
      nicMac: (changes.nicMac ?? host.nicMac) as Mac,
      linkLocalIp: (changes.linkLocalIp ?? host.linkLocalIp) as Ipv4,
      guest: host.guest ? { ...host.guest, mac: host.guest.mac as Mac, ip: host.guest.ip as Ipv4 } : null,
    };
    const ctx = await loadHostContext(
      tx,
      host.branch,
      { ...next, guestMac: next.guest?.mac },
      { hostId: host.id, guestId: host.guest?.id },
    );
    assertValid(checkHost(next, ctx), `host ${host.hostname} cannot be changed`);
    const row = await tx.host.update({ where: { id: host.id }, data: changes, include: HOST_INCLUDE });
    await recordUsedMacs(tx, [changes.nicMac]);
    const before = toHostView(host);
    const after = toHostView(row);
    const warnings = hostWarnings(next);
    const changed = Object.keys(changes).join(", ") || "nothing";
    const summary = withWarnings(`changed host ${row.hostname} in ${host.branch.code}: ${changed}`, warnings);
    audit({ type: "host", id: host.id }, before, after, summary);
    return { host: after, warnings };
  });
}

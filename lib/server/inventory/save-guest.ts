import { addFieldError, mergeFieldErrors, type FieldErrors } from "@/lib/domain/field-errors";
import { checkGuest } from "@/lib/domain/inventory/check-guest";
import type { GuestInput } from "@/lib/domain/inventory/guest-input";
import type { GuestView } from "@/lib/domain/inventory/inventory-views";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Mac } from "@/lib/domain/values/mac";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { assertValid } from "@/lib/server/errors/app-error";
import { allocateGuestMac, recordUsedMacs } from "./allocate-guest-mac";
import { branchAddressing } from "./find-branch";
import { findHost } from "./find-host";
import { loadMacClaims } from "./load-mac-claims";
import { toGuestView } from "./to-views";

/**
 * Creates or replaces a host's guest (PUT). Without a `mac`, an existing guest
 * keeps its MAC (re-addressing a NIC is a deliberate act) and a new guest gets
 * the next 52:54:00 MAC.
 */
export async function saveGuest(actor: Actor, hostId: number, input: GuestInput): Promise<GuestView> {
  const allocating = !input.mac;
  return writeTransaction(
    actor,
    async (tx, audit) => {
      const host = await findHost(tx, hostId);
      const existing = host.guest;
      const problems: FieldErrors = {};
      let mac = (input.mac ?? existing?.mac) as Mac | undefined;
      if (!mac) {
        const picked = await allocateGuestMac(tx, [host.nicMac as Mac]);
        if (picked.ok) mac = picked.value;
        else addFieldError(problems, "mac", picked.error);
      }
      if (mac) {
        const others = await tx.guest.findMany({
          where: { branchId: host.branchId, ip: input.ip, ...(existing ? { id: { not: existing.id } } : {}) },
          select: { name: true, ip: true, host: { select: { hostname: true } } },
        });
        mergeFieldErrors(
          problems,
          checkGuest(
            { ...input, mac },
            {
              branch: branchAddressing(host.branch),
              gatewayLanIp: (host.branch.gateway?.lanIp ?? null) as Ipv4 | null,
              guestIps: others.map((g) => ({ value: g.ip, owner: `guest ${g.name} (host ${g.host.hostname})` })),
              macs: await loadMacClaims(tx, [mac], { guestId: existing?.id }),
            },
          ),
        );
      }
      assertValid(problems, `guest ${input.name} cannot be saved on host ${host.hostname}`);
      const data = { name: input.name, domain: input.domain, mac: mac!, ip: input.ip };
      const row = existing
        ? await tx.guest.update({ where: { id: existing.id }, data })
        : await tx.guest.create({ data: { ...data, hostId: host.id, branchId: host.branchId } });
      await recordUsedMacs(tx, [mac]);
      const view = toGuestView(row);
      const what = `guest ${row.name} (${row.ip}, ${row.mac}) on host ${host.hostname} in ${host.branch.code}`;
      const summary = `${existing ? "changed" : "added"} ${what}`;
      audit({ type: "guest", id: host.id }, existing ? toGuestView(existing) : null, view, summary);
      return view;
    },
    { retryOnUnique: (v) => allocating && v.model === "Guest" && v.fields.includes("mac") },
  );
}

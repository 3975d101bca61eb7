import { allocateLinkLocal } from "@/lib/domain/addressing/allocate-link-local";
import { addFieldError, mergeFieldErrors, type FieldErrors } from "@/lib/domain/field-errors";
import { checkHost } from "@/lib/domain/inventory/check-host";
import type { CreateHostInput } from "@/lib/domain/inventory/host-input";
import type { HostWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { hostWarnings, withWarnings } from "@/lib/domain/inventory/link-local-warnings";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Mac } from "@/lib/domain/values/mac";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { assertValid } from "@/lib/server/errors/app-error";
import { allocateGuestMac, recordUsedMacs } from "./allocate-guest-mac";
import { findBranch } from "./find-branch";
import { loadHostContext } from "./load-host-context";
import { HOST_INCLUDE, toHostView } from "./to-views";

/**
 * Adds a host (and optionally its guest) to a branch. A missing link-local
 * address is allocated from the branch's pool, a missing guest MAC from
 * 52:54:00:xx:xx:xx; a typed address in RFC 3927's reserved /24s comes back
 * with a warning. Two concurrent creations may pick the same free address:
 * PostgreSQL's SERIALIZABLE check (P2034) or, failing that, the (branchId,
 * linkLocalIp) unique constraint (P2002) refuses the second, and the
 * transaction re-runs, sees the winner's row and takes the next address.
 */
export async function createHost(actor: Actor, branchCode: string, input: CreateHostInput): Promise<HostWriteResponse> {
  return writeTransaction(
    actor,
    async (tx, audit) => {
      const branch = await findBranch(tx, branchCode);
      const allocation: FieldErrors = {};
      const ctx = await loadHostContext(tx, branch, {
        hostname: input.hostname,
        serial: input.serial,
        nicMac: input.nicMac,
        guestIp: input.guest?.ip,
        guestMac: input.guest?.mac,
      });
      let linkLocalIp = input.linkLocalIp;
      if (!linkLocalIp) {
        const used = ctx.linkLocalIps.map((c) => c.value as Ipv4);
        const picked = allocateLinkLocal({
          pool: ctx.branch.linkLocalPool,
          gatewayIp: ctx.branch.gatewayLinkLocalIp,
          used,
        });
        if (picked.ok) linkLocalIp = picked.value;
        else addFieldError(allocation, "linkLocalIp", picked.error.replace(/^pool: /, ""));
      }
      let guestMac: Mac | undefined = input.guest?.mac;
      if (input.guest && !guestMac) {
        const picked = await allocateGuestMac(tx, [input.nicMac]);
        if (picked.ok) guestMac = picked.value;
        else addFieldError(allocation, "guest.mac", picked.error);
      }
      const guest = input.guest && guestMac ? { ...input.guest, mac: guestMac } : null;
      const errors = linkLocalIp ? checkHost({ ...input, linkLocalIp, guest }, ctx) : {};
      assertValid(mergeFieldErrors(errors, allocation), `host ${input.hostname} cannot be added to ${branch.code}`);
      const row = await tx.host.create({
        data: {
          branchId: branch.id,
          hostname: input.hostname,
          serial: input.serial,
          nicMac: input.nicMac,
          bridge: input.bridge,
          linkLocalIp: linkLocalIp!,
          sshUser: input.sshUser,
          state: input.state,
          guest: guest
            ? { create: { branchId: branch.id, name: guest.name, domain: guest.domain, mac: guest.mac, ip: guest.ip } }
            : undefined,
        },
        include: HOST_INCLUDE,
      });
      await recordUsedMacs(tx, [input.nicMac, guest?.mac]);
      const view = toHostView(row);
      const withGuest = guest ? ` with guest ${guest.name} (${guest.ip}, ${guest.mac})` : "";
      const warnings = hostWarnings({ linkLocalIp: linkLocalIp! });
      const added = `added host ${row.hostname} (${row.linkLocalIp}) to ${branch.code}${withGuest}`;
      audit({ type: "host", id: row.id }, null, view, withWarnings(added, warnings));
      return { host: view, warnings };
    },
    {
      retryOnUnique: (v) =>
        (!input.linkLocalIp && v.model === "Host" && v.fields.includes("linkLocalIp")) ||
        (Boolean(input.guest && !input.guest.mac) && v.model === "Guest" && v.fields.includes("mac")),
    },
  );
}

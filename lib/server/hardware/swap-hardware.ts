import { addFieldError, mergeFieldErrors, type FieldErrors } from "@/lib/domain/field-errors";
import { checkHost, sameSerial } from "@/lib/domain/inventory/check-host";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Mac } from "@/lib/domain/values/mac";
import type { Tx } from "@/lib/server/db/client";
import type { Audit } from "@/lib/server/db/write-transaction";
import { assertValid } from "@/lib/server/errors/app-error";
import { recordUsedMacs } from "@/lib/server/inventory/allocate-guest-mac";
import type { findHost } from "@/lib/server/inventory/find-host";
import { loadHostContext } from "@/lib/server/inventory/load-host-context";
import { HOST_INCLUDE, toHostView, type HostRow } from "@/lib/server/inventory/to-views";

export type HostWithBranch = Awaited<ReturnType<typeof findHost>>;

export type NewHardware = {
  serial: string;
  nicMac: Mac;
  bridge: string;
  /** The new box's key when a trust anchor vouches for it (an enrolment token); null: unpinned. */
  key: { fingerprint: string; publicKey: string; unverified: string | null } | null;
  reason?: string | null;
  /** How the swap came about, for the audit summary ("form", "enrolment token #7"). */
  via: string;
};

/**
 * One desktop, new hardware, inside the caller's transaction: the old serial,
 * NIC MAC, bridge and key go to HostHardware (from when it was installed to
 * now), the host takes the new ones. Guest IP, guest MAC and link-local
 * address stay: they are the desktop's identity in the branch, not the box's.
 * The old key is unpinned; the new one is pinned only when `key` says so.
 */
export async function swapHardware(
  tx: Tx,
  audit: Audit,
  host: HostWithBranch,
  next: NewHardware,
  actorName: string,
  now: Date,
  options: { requireChange: boolean },
): Promise<HostRow> {
  const wanted = {
    hostname: host.hostname,
    serial: next.serial,
    nicMac: next.nicMac,
    linkLocalIp: host.linkLocalIp as Ipv4,
    guest: host.guest ? { ...host.guest, mac: host.guest.mac as Mac, ip: host.guest.ip as Ipv4 } : null,
  };
  const ctx = await loadHostContext(
    tx,
    host.branch,
    { ...wanted, guestMac: wanted.guest?.mac },
    { hostId: host.id, guestId: host.guest?.id },
  );
  const same: FieldErrors = {};
  if (options.requireChange && sameSerial(next.serial, host.serial) && next.nicMac === host.nicMac) {
    addFieldError(same, "serial", `${host.hostname} already has serial ${host.serial} and NIC ${host.nicMac}`);
  }
  assertValid(mergeFieldErrors(checkHost(wanted, ctx), same), `${host.hostname}'s hardware cannot be replaced`);
  const last = await tx.hostHardware.findFirst({ where: { hostId: host.id }, orderBy: { replacedAt: "desc" } });
  await tx.hostHardware.create({
    data: {
      hostId: host.id,
      serial: host.serial,
      nicMac: host.nicMac,
      bridge: host.bridge,
      hostKeyFingerprint: host.hostKeyFingerprint,
      hostPublicKey: host.hostPublicKey,
      installedAt: last?.replacedAt ?? host.createdAt,
      replacedAt: now,
      replacedBy: actorName,
      reason: next.reason ?? null,
    },
  });
  const row = await tx.host.update({
    where: { id: host.id },
    data: {
      serial: next.serial,
      nicMac: next.nicMac,
      bridge: next.bridge,
      hostKeyFingerprint: next.key?.fingerprint ?? null,
      hostPublicKey: next.key?.publicKey ?? null,
      hostKeyUnverified: next.key?.unverified ?? null,
    },
    include: HOST_INCLUDE,
  });
  await recordUsedMacs(tx, [next.nicMac]);
  const pinned = next.key ? `key ${next.key.fingerprint} pinned` : "key unpinned: trust the new box's key";
  const summary =
    `replaced ${host.hostname}'s hardware (${host.branch.code}, via ${next.via}): serial ${host.serial} -> ` +
    `${next.serial}, NIC ${host.nicMac} -> ${next.nicMac}; ${pinned}; guest and link-local kept`;
  const entity = { type: "host", id: host.id, action: "host.replace-hardware" } as const;
  audit(entity, toHostView(host), toHostView(row), summary);
  return row;
}

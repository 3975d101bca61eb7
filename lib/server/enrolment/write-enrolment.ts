import { allocateLinkLocal } from "@/lib/domain/addressing/allocate-link-local";
import type { EnrolmentReport } from "@/lib/domain/enrolment/enrolment-input";
import type { EnrolmentResponse } from "@/lib/domain/enrolment/enrolment-views";
import { addFieldError, mergeFieldErrors, type FieldErrors } from "@/lib/domain/field-errors";
import { checkHost, sameSerial } from "@/lib/domain/inventory/check-host";
import { parseHostname } from "@/lib/domain/values/hostname";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Mac } from "@/lib/domain/values/mac";
import type { HostPublicKey } from "@/lib/ssh/parse-host-public-key";
import type { Tx } from "@/lib/server/db/client";
import { writeTransaction, type Audit } from "@/lib/server/db/write-transaction";
import { AppError, assertValid } from "@/lib/server/errors/app-error";
import { swapHardware } from "@/lib/server/hardware/swap-hardware";
import { recordUsedMacs } from "@/lib/server/inventory/allocate-guest-mac";
import type { BranchRow } from "@/lib/server/inventory/find-branch";
import { findHost } from "@/lib/server/inventory/find-host";
import { loadHostContext } from "@/lib/server/inventory/load-host-context";
import { HOST_INCLUDE, toHostView, type HostRow } from "@/lib/server/inventory/to-views";
import type { EnrolmentToken } from "@/prisma/generated/sqlite/client";

export type KeyStatus = { verified: true } | { unverified: string };
type Checked = { serial: string; key: HostPublicKey; keyStatus: KeyStatus };
type Token = EnrolmentToken & { branch: BranchRow };
type Write = { row: HostRow; outcome: EnrolmentResponse["outcome"]; note: string };

/**
 * The enrolment's one transaction: the token is used up (only if still
 * unused: two boxes racing on one token, one wins) and the host written with
 * the reported key pinned. A token bound to a host swaps that host's hardware;
 * otherwise a host of the branch with the reported serial is updated (a
 * reinstalled box), or a new host is created as `enrolled`.
 */
export async function writeEnrolment(
  actorName: string,
  token: Token,
  report: EnrolmentReport,
  checked: Checked,
  now: Date,
): Promise<EnrolmentResponse> {
  const unverified = "unverified" in checked.keyStatus ? checked.keyStatus.unverified : null;
  const pin = { fingerprint: checked.key.fingerprint, publicKey: checked.key.line, unverified };
  const allocates = !token.hostId && !report.linkLocalIp;
  return writeTransaction(
    { username: actorName },
    async (tx, audit) => {
      const used = await tx.enrolmentToken.updateMany({
        where: { id: token.id, usedAt: null, revokedAt: null },
        data: { usedAt: now },
      });
      if (used.count !== 1) throw new AppError("forbidden", "this enrolment token was already used: ask for a new one");
      const write = token.hostId
        ? await replace(tx, audit, token, report, checked, pin, actorName, now)
        : await createOrUpdate(tx, audit, token, report, checked, pin);
      await tx.enrolmentToken.update({ where: { id: token.id }, data: { usedByHostId: write.row.id } });
      const keyNote = unverified ? `key unverified: ${unverified}` : "key verified through the gateway";
      const applyPath = `/branches/${encodeURIComponent(token.branch.code)}`;
      return {
        host: { id: write.row.id, hostname: write.row.hostname, branchCode: token.branch.code, state: write.row.state },
        outcome: write.outcome,
        hostKeyFingerprint: checked.key.fingerprint,
        keyCheck: unverified ? "unverified" : "verified",
        keyCheckNote: keyNote,
        next:
          `host ${write.row.hostname} ${write.outcome} in ${token.branch.code} (${keyNote})${write.note}. ` +
          `Next: Apply ${token.branch.code}'s rules on its branch page so its support path works.`,
        applyPath,
      };
    },
    { retryOnUnique: (v) => allocates && v.model === "Host" && v.fields.includes("linkLocalIp") },
  );
}

type Pin = { fingerprint: string; publicKey: string; unverified: string | null };

async function replace(
  tx: Tx,
  audit: Audit,
  token: Token,
  report: EnrolmentReport,
  checked: Checked,
  pin: Pin,
  actorName: string,
  now: Date,
): Promise<Write> {
  const host = await findHost(tx, token.hostId!);
  if (host.branchId !== token.branchId || host.state === "retired")
    throw new AppError("conflict", `host ${host.hostname} is no longer a live host of ${token.branch.code}`);
  const next = { serial: checked.serial, nicMac: report.nicMac, bridge: report.bridge, key: pin, via: actorName };
  const row = await swapHardware(tx, audit, host, next, actorName, now, { requireChange: false });
  const moved =
    report.linkLocalIp && report.linkLocalIp !== host.linkLocalIp
      ? `; give the new box the host's link-local address ${host.linkLocalIp} (it has ${report.linkLocalIp})`
      : "";
  return { row, outcome: "replaced", note: moved };
}

async function createOrUpdate(
  tx: Tx,
  audit: Audit,
  token: Token,
  report: EnrolmentReport,
  checked: Checked,
  pin: Pin,
): Promise<Write> {
  const branch = token.branch;
  const inBranch = await tx.host.findMany({ where: { branchId: branch.id }, select: { id: true, serial: true } });
  const same = inBranch.find((h) => sameSerial(h.serial, checked.serial));
  const keyData = {
    hostKeyFingerprint: pin.fingerprint,
    hostPublicKey: pin.publicKey,
    hostKeyUnverified: pin.unverified,
  };
  if (same) {
    const host = await findHost(tx, same.id);
    if (host.state === "retired")
      throw new AppError("conflict", `serial ${checked.serial} is retired host ${host.hostname}: it cannot re-enrol`);
    const next = {
      hostname: host.hostname,
      serial: host.serial,
      nicMac: report.nicMac,
      linkLocalIp: host.linkLocalIp as Ipv4,
      guest: host.guest ? { ...host.guest, mac: host.guest.mac as Mac, ip: host.guest.ip as Ipv4 } : null,
    };
    const wants = { ...next, guestMac: next.guest?.mac };
    const ctx = await loadHostContext(tx, branch, wants, { hostId: host.id, guestId: host.guest?.id });
    assertValid(checkHost(next, ctx), `host ${host.hostname} cannot be re-enrolled`);
    const row = await tx.host.update({
      where: { id: host.id },
      data: {
        nicMac: report.nicMac,
        bridge: report.bridge,
        ...keyData,
        state: host.state === "planned" ? "enrolled" : host.state,
      },
      include: HOST_INCLUDE,
    });
    await recordUsedMacs(tx, [report.nicMac]);
    const summary = `enrolled ${host.hostname} again in ${branch.code} (serial ${host.serial}, key ${pin.fingerprint})`;
    audit({ type: "host", id: host.id, action: "host.enrol" }, toHostView(host), toHostView(row), summary);
    return { row, outcome: "updated", note: "" };
  }
  return create(tx, audit, token, report, checked, keyData);
}

async function create(
  tx: Tx,
  audit: Audit,
  token: Token,
  report: EnrolmentReport,
  checked: Checked,
  keyData: Record<string, string | null>,
): Promise<Write> {
  const branch = token.branch;
  const problems: FieldErrors = {};
  const named = token.hostname ? { ok: true as const, value: token.hostname } : parseHostname(report.hostname);
  if (!named.ok) addFieldError(problems, "hostname", `${named.error}: give the token a hostname, or rename the box`);
  const hostname = named.ok ? named.value : report.hostname;
  // The guest: its IP from the token (the box cannot know it), its domain and MAC from virsh.
  const domain = report.domains.find((d) => d.macs.length > 0);
  const guest =
    token.guestIp && domain
      ? { name: domain.name.toUpperCase(), domain: domain.name, mac: domain.macs[0]!, ip: token.guestIp as Ipv4 }
      : null;
  const ctx = await loadHostContext(tx, branch, {
    hostname,
    serial: checked.serial,
    nicMac: report.nicMac,
    guestIp: guest?.ip,
    guestMac: guest?.mac,
  });
  let linkLocalIp = report.linkLocalIp;
  if (!linkLocalIp) {
    const picked = allocateLinkLocal({
      pool: ctx.branch.linkLocalPool,
      gatewayIp: ctx.branch.gatewayLinkLocalIp,
      used: ctx.linkLocalIps.map((c) => c.value as Ipv4),
    });
    if (picked.ok) linkLocalIp = picked.value;
    else addFieldError(problems, "linkLocalIp", picked.error);
  }
  const fields = { hostname, serial: checked.serial, nicMac: report.nicMac, linkLocalIp: linkLocalIp!, guest };
  const errors = linkLocalIp ? checkHost(fields, ctx) : {};
  assertValid(mergeFieldErrors(errors, problems), `the box cannot be enrolled into ${branch.code}`);
  const row = await tx.host.create({
    data: {
      branchId: branch.id,
      hostname,
      serial: checked.serial,
      nicMac: report.nicMac,
      bridge: report.bridge,
      linkLocalIp: linkLocalIp!,
      state: "enrolled",
      ...keyData,
      guest: guest ? { create: { branchId: branch.id, ...guest } } : undefined,
    },
    include: HOST_INCLUDE,
  });
  await recordUsedMacs(tx, [report.nicMac, guest?.mac]);
  const withGuest = guest ? ` with guest ${guest.name} (${guest.ip}, ${guest.mac})` : "";
  const key = keyData.hostKeyFingerprint;
  const summary = `enrolled new host ${hostname} (${linkLocalIp}) into ${branch.code}${withGuest}, key ${key}`;
  audit({ type: "host", id: row.id, action: "host.enrol" }, null, toHostView(row), summary);
  const note = !guest
    ? token.guestIp
      ? "; virsh reported no domain with a MAC: add the guest on the host page"
      : "; add its guest on the host page"
    : report.linkLocalIp
      ? ""
      : `; give the box its link-local address ${linkLocalIp}`;
  return { row, outcome: "created", note };
}

import { checkPlace, checkToken, normalizeSerial } from "@/lib/domain/enrolment/check-enrolment";
import type { EnrolmentReport } from "@/lib/domain/enrolment/enrolment-input";
import type { EnrolmentResponse } from "@/lib/domain/enrolment/enrolment-views";
import { zSerial } from "@/lib/domain/inventory/zod-values";
import { parseHostPublicKey, type HostPublicKey } from "@/lib/ssh/parse-host-public-key";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { toAppError } from "@/lib/server/errors/to-app-error";
import type { BranchRow } from "@/lib/server/inventory/find-branch";
import { checkEnrolledKey, type KeyCheck } from "./check-enrolled-key";
import { hashEnrolmentSecret } from "./enrolment-secret";
import { refuseEnrolment } from "./refuse-enrolment";
import { writeEnrolment, type KeyStatus } from "./write-enrolment";

export type EnrolOptions = { now?: Date; checkKey?: KeyCheck };

/**
 * POST /api/v1/enrol: a box reports itself with a token (the token is the
 * credential and the trust anchor for the key it reports). In order, each
 * refusal audited and nothing else written: the token (unknown, used, revoked,
 * expired), the report (key line, serial), the place (serial bound to the
 * token, link-local address and default route fitting the branch), then the
 * connect-back through the gateway (another key: refused; no answer: the key
 * is pinned but marked unverified). Only then one transaction uses the token
 * up and creates or updates the host as `enrolled` with the key pinned.
 */
export async function enrolHost(report: EnrolmentReport, options: EnrolOptions = {}): Promise<EnrolmentResponse> {
  const now = options.now ?? new Date();
  const token = await db().enrolmentToken.findUnique({
    where: { tokenHash: hashEnrolmentSecret(report.token) },
    include: { branch: { include: { gateway: true } } },
  });
  const box = {
    serial: report.serial,
    nicMac: report.nicMac,
    hostname: report.hostname,
    linkLocalIp: report.linkLocalIp,
  };
  if (!token) {
    const refusal = { reason: "unknown-token", field: "token", code: "unauthenticated" as const };
    const message = "this enrolment token is not known: copy the one-liner again, or ask an admin for a new one";
    return refuseEnrolment("enrolment", { id: null, code: "an unknown branch" }, { ...refusal, message }, box);
  }
  const branch: BranchRow = token.branch;
  const actor = `enrolment token #${token.id}`;
  const usedBy = token.usedByHostId
    ? await db().host.findUnique({ where: { id: token.usedByHostId }, select: { hostname: true } })
    : null;
  const tokenRefusal = checkToken({ ...token, usedByHostname: usedBy?.hostname ?? null }, now);
  if (tokenRefusal) return refuseEnrolment(actor, branch, tokenRefusal, box);

  const invalid = (field: string, message: string) =>
    refuseEnrolment(actor, branch, { reason: "invalid-report", field, message, code: "validation" }, box);
  const key = parseHostPublicKey(report.hostKey);
  if (!key.ok) return invalid("hostKey", `the box's host key: ${key.error}`);
  const serial = zSerial().safeParse(normalizeSerial(report.serial));
  if (!serial.success) return invalid("serial", `serial ${report.serial}: ${serial.error.issues[0]?.message}`);
  const place = checkPlace(token, branch, { ...report, serial: serial.data });
  const withKey = { ...box, hostKeyFingerprint: key.value.fingerprint };
  if (place) return refuseEnrolment(actor, branch, place, withKey);

  const keyStatus = await connectBack(report, branch, key.value, options.checkKey ?? checkEnrolledKey);
  if ("mismatch" in keyStatus) {
    const message =
      `the box at ${report.linkLocalIp} answers through ${branch.code}'s gateway ` +
      `with host key ${keyStatus.mismatch}, ` +
      `not the reported ${key.value.fingerprint}: refusing to pin it (another box on that address, or a forged report)`;
    return refuseEnrolment(actor, branch, { reason: "key-mismatch", field: "hostKey", message }, withKey);
  }
  try {
    return await writeEnrolment(actor, token, report, { serial: serial.data, key: key.value, keyStatus }, now);
  } catch (error) {
    const e = toAppError(error);
    if (!(error instanceof AppError)) throw error;
    const reason = e.message.includes("already used") ? "reused" : "invalid-report";
    return refuseEnrolment(
      actor,
      branch,
      { reason, field: "token", message: e.message, code: e.code, fields: e.fields },
      withKey,
    );
  }
}

async function connectBack(
  report: EnrolmentReport,
  branch: BranchRow,
  key: HostPublicKey,
  check: KeyCheck,
): Promise<KeyStatus | { mismatch: string }> {
  if (!report.linkLocalIp) return { unverified: "the box has no link-local address yet: trust its key once it has" };
  const r = await check(branch, { label: `new box ${report.hostname} (${branch.code})`, address: report.linkLocalIp });
  if ("unreachable" in r) return { unverified: `the connect-back through the gateway failed: ${r.unreachable}` };
  return r.seen === key.fingerprint ? { verified: true } : { mismatch: r.seen };
}

import { cidrContains, parseCidr } from "../values/cidr";
import type { Ipv4 } from "../values/ipv4";

/** Why an enrolment is refused; each is audited and answered with `message`. */
export type EnrolmentRefusal = {
  reason: "reused" | "revoked" | "expired" | "wrong-branch" | "serial-mismatch" | "key-mismatch";
  field: string;
  message: string;
};

export type TokenState = {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
  expectedSerial: string | null;
  usedByHostname?: string | null;
};
export type BranchAddressing = { code: string; linkLocalPool: string; gatewayLinkLocalIp: string };
export type ReportedPlace = { serial: string; linkLocalIp?: Ipv4; gatewayIp?: Ipv4 };

/** DMI serials often hold spaces ("VMware-56 4d ..."): trimmed, each run of blanks becomes one '-'. */
export function normalizeSerial(raw: string): string {
  return raw.trim().replace(/\s+/g, "-");
}

/** The token itself: usable once, before it expires, unless revoked. Checked again when it is consumed. */
export function checkToken(token: TokenState, now: Date): EnrolmentRefusal | null {
  if (token.usedAt) {
    const by = token.usedByHostname ? ` by host ${token.usedByHostname}` : "";
    return {
      reason: "reused",
      field: "token",
      message:
        `this enrolment token was already used${by} at ${token.usedAt.toISOString()}: ` + "ask an admin for a new one",
    };
  }
  if (token.revokedAt)
    return {
      reason: "revoked",
      field: "token",
      message: "this enrolment token was revoked: ask an admin for a new one",
    };
  if (token.expiresAt.getTime() <= now.getTime()) {
    const when = token.expiresAt.toISOString();
    return { reason: "expired", field: "token", message: `this enrolment token expired at ${when}: ask for a new one` };
  }
  return null;
}

/**
 * Does the box belong to the token's branch? Precisely: the box's current
 * link-local address (if it has one) lies in the branch's link-local pool and
 * is not the gateway's own, and its default route (if any) goes through the
 * branch gateway's link-local address, as every host of a branch routes. Two
 * branches with the same pool and gateway address (the common case) cannot be
 * told apart by the report: the connect-back through the token's gateway is
 * what proves the box sits on that LAN (another box, or none, answers there).
 */
export function checkPlace(token: TokenState, branch: BranchAddressing, box: ReportedPlace): EnrolmentRefusal | null {
  if (token.expectedSerial && token.expectedSerial.toLowerCase() !== box.serial.toLowerCase()) {
    return {
      reason: "serial-mismatch",
      field: "serial",
      message: `the box reports serial ${box.serial}, but this token is for serial ${token.expectedSerial}`,
    };
  }
  const pool = parseCidr(branch.linkLocalPool);
  const wrong = (field: string, why: string): EnrolmentRefusal => ({
    reason: "wrong-branch",
    field,
    message: `this token is for branch ${branch.code}, but ${why}: run it on a box of ${branch.code}`,
  });
  if (box.linkLocalIp) {
    if (pool.ok && !cidrContains(pool.value, box.linkLocalIp))
      return wrong("linkLocalIp", `the box's link-local address ${box.linkLocalIp} is outside its pool ${pool.value}`);
    if (box.linkLocalIp === branch.gatewayLinkLocalIp)
      return wrong("linkLocalIp", `the box has the gateway's own link-local address ${box.linkLocalIp}`);
  }
  if (box.gatewayIp && box.gatewayIp !== branch.gatewayLinkLocalIp) {
    const gw = branch.gatewayLinkLocalIp;
    return wrong("gatewayIp", `the box routes through ${box.gatewayIp}, not the branch gateway's ${gw}`);
  }
  return null;
}

import { describe, expect, it } from "vitest";
import type { Ipv4 } from "../values/ipv4";
import { checkPlace, checkToken, normalizeSerial } from "./check-enrolment";

const now = new Date("2026-11-30T12:00:00Z");
const fresh = { usedAt: null, revokedAt: null, expiresAt: new Date("2026-12-01T12:00:00Z"), expectedSerial: null };
const branch = { code: "BR-0042", linkLocalPool: "169.254.0.0/16", gatewayLinkLocalIp: "169.254.1.1" };
const ip = (s: string) => s as Ipv4;

describe("checkToken: a token is usable once, unrevoked, before it expires", () => {
  it.each([
    ["fresh", fresh, null],
    ["used", { ...fresh, usedAt: now, usedByHostname: "br-0042-h01" }, "reused"],
    ["revoked", { ...fresh, revokedAt: now }, "revoked"],
    ["expired exactly now", { ...fresh, expiresAt: now }, "expired"],
  ])("%s", (_, token, reason) => {
    expect(checkToken(token, now)?.reason ?? null).toBe(reason);
  });
  it("a reused token names the host that used it", () => {
    expect(checkToken({ ...fresh, usedAt: now, usedByHostname: "br-0042-h01" }, now)?.message).toContain("br-0042-h01");
  });
});

describe("checkPlace: the box's serial and addresses must fit the token's branch", () => {
  it.each([
    ["no addresses reported", {}, null],
    ["in the pool, via the gateway", { linkLocalIp: ip("169.254.1.10"), gatewayIp: ip("169.254.1.1") }, null],
    ["outside the pool", { linkLocalIp: ip("169.254.9.10") }, "wrong-branch"],
    ["the gateway's own address", { linkLocalIp: ip("169.254.1.1") }, "wrong-branch"],
    ["another gateway", { linkLocalIp: ip("169.254.1.10"), gatewayIp: ip("169.254.2.1") }, "wrong-branch"],
  ])("%s", (_, place, reason) => {
    const b = { ...branch, linkLocalPool: "169.254.1.0/24" };
    expect(checkPlace(fresh, b, { serial: "S1", ...place })?.reason ?? null).toBe(reason);
  });
  it("an expected serial matches whatever its case, and refuses another", () => {
    const token = { ...fresh, expectedSerial: "ABC-1" };
    expect(checkPlace(token, branch, { serial: "abc-1" })).toBeNull();
    expect(checkPlace(token, branch, { serial: "ABC-2" })?.reason).toBe("serial-mismatch");
  });
  it("normalizes DMI serials with blanks", () => {
    expect(normalizeSerial("  VMware-56 4d  12\t34 ")).toBe("VMware-56-4d-12-34");
  });
});

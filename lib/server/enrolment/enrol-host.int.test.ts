import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZCreateEnrolmentTokenInput, ZEnrolmentReport } from "@/lib/domain/enrolment/enrolment-input";
import { generateEd25519 } from "@/lib/ssh/generate-ed25519";
import { hostKeyFingerprint, type HostKeyFingerprint } from "@/lib/ssh/host-key-fingerprint";
import type { Actor } from "@/lib/server/auth/actor";
import { AppError } from "@/lib/server/errors/app-error";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeGateway, makeHost } from "@/prisma/seed/factories";
import type { KeyCheck } from "./check-enrolled-key";
import { createEnrolmentToken } from "./create-enrolment-token";
import { enrolHost } from "./enrol-host";
import { revokeEnrolmentToken } from "./revoke-enrolment-token";
import { serveEnrolmentScript } from "./serve-enrolment-script";

const admin: Actor = { userId: 1, username: "alice", role: "admin" };
const ORIGIN = "http://198.51.100.1:3000";

/** The connect-back as a stub: what the box at the link-local address presents through the gateway. */
const sees =
  (fp: string | null): KeyCheck =>
  async () =>
    fp ? { seen: fp as HostKeyFingerprint } : { unreachable: "connection timed out" };

let boxes = 0;
/** A box's report; every box gets its own serial, name, MACs (both databases share nothing, tests do). */
function box(token: string, over: Record<string, unknown> = {}) {
  const n = (++boxes).toString(16).padStart(2, "0");
  const pair = generateEd25519("root@box");
  const report = ZEnrolmentReport.parse({
    token,
    serial: `CZ 12${n} XY`,
    hostname: `br-new-h${n}`,
    nicMac: `02:bd:00:01:${n}:01`,
    bridge: "virbr0",
    linkLocalIp: "169.254.1.50",
    gatewayIp: "169.254.1.1",
    hostKey: `${pair.publicLine} root@box`,
    domains: [{ name: `br0001-ws${n}`, macs: [`52:54:00:aa:00:${n}`] }],
    kernel: "3.10.0-1160.el7.x86_64",
    distro: "CentOS Linux 7 (Core)",
    fleetKeyInstalled: false,
    ...over,
  });
  return { report, fingerprint: hostKeyFingerprint(pair.publicBlob) };
}

describeEachDb("enrolment with a one-time token (issue 11)", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  async function branchWithToken(over: Record<string, unknown> = {}, now?: Date) {
    const branch = await makeBranch({}, t.db);
    await makeGateway(branch, {}, t.db);
    const guestIp = branch.lanCidr.replace(/0\/24$/, "50");
    const input = ZCreateEnrolmentTokenInput.parse({ guestIp, ...over });
    const created = await createEnrolmentToken(admin, branch.code, input, ORIGIN, now);
    return { branch, created, guestIp };
  }

  /** Everything a refused enrolment must leave as it was, and the audit count (which must grow by one). */
  async function state() {
    const [hosts, guests, used, hardware, audit] = await Promise.all([
      t.db.host.count(),
      t.db.guest.count(),
      t.db.enrolmentToken.count({ where: { usedAt: { not: null } } }),
      t.db.hostHardware.count(),
      t.db.auditEvent.count(),
    ]);
    return { hosts, guests, used, hardware, audit };
  }

  /** `run` starts only after `before` is read: a refusal must write nothing but its audit event. */
  async function expectRefused(run: () => Promise<unknown>, status: number, text: RegExp, reason: string) {
    const before = await state();
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(status);
    expect((error as AppError).message).toMatch(text);
    const after = await state();
    expect(after).toEqual({ ...before, audit: before.audit + 1 });
    const event = await t.db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event.action).toBe("branch.enrolment-refused");
    expect(JSON.parse(event.after!).reason).toBe(reason);
  }

  it("the token is shown once as a one-liner and a script; only its hash is stored", async () => {
    const { created } = await branchWithToken();
    expect(created.oneLiner).toBe(`curl -fsS ${ORIGIN}/enrol/${created.secret} | sh`);
    expect(created.script).toContain(`BD_ENROL_TOKEN=${created.secret}`);
    const row = await t.db.enrolmentToken.findUniqueOrThrow({ where: { id: created.token.id } });
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * 3_600_000);
    const events = await t.db.auditEvent.findMany({ where: { action: "branch.enrolment-token-create" } });
    expect(JSON.stringify(events)).not.toContain(created.secret);
  });

  it("a box enrols: host created as enrolled with its serial, MAC, guest and the key pinned and verified", async () => {
    const { branch, created, guestIp } = await branchWithToken();
    const { report, fingerprint } = box(created.secret);
    const r = await enrolHost(report, { checkKey: sees(fingerprint) });
    expect(r).toMatchObject({ outcome: "created", keyCheck: "verified", hostKeyFingerprint: fingerprint });
    expect(r.next).toContain(`Apply ${branch.code}'s rules`);
    const host = await t.db.host.findUniqueOrThrow({ where: { id: r.host.id }, include: { guest: true } });
    expect(host).toMatchObject({
      hostname: report.hostname,
      serial: report.serial.replaceAll(" ", "-"),
      nicMac: report.nicMac,
      linkLocalIp: "169.254.1.50",
      state: "enrolled",
      hostKeyFingerprint: fingerprint,
      hostKeyUnverified: null,
    });
    expect(host.hostPublicKey).toBe(report.hostKey.split(" ").slice(0, 2).join(" "));
    const domain = report.domains[0]!;
    expect(host.guest).toMatchObject({ ip: guestIp, mac: domain.macs[0], domain: domain.name });
    const token = await t.db.enrolmentToken.findUniqueOrThrow({ where: { id: created.token.id } });
    expect(token.usedByHostId).toBe(host.id);
    expect(token.usedAt).not.toBeNull();
  });

  it("a reused token is refused, audited, and nothing else is written", async () => {
    const { created } = await branchWithToken({ guestIp: undefined });
    const first = box(created.secret);
    await enrolHost(first.report, { checkKey: sees(first.fingerprint) });
    const second = box(created.secret);
    await expectRefused(
      () => enrolHost(second.report, { checkKey: sees(second.fingerprint) }),
      403,
      /already used/,
      "reused",
    );
    const script = await serveEnrolmentScript(created.secret, ORIGIN);
    expect(script).toMatchObject({ status: 200, refused: true });
    expect(script.body).toMatch(/already used by host br-new-h.*\nexit 1\n$/);
  });

  it("an expired token is refused, audited, and nothing else is written (the script too)", async () => {
    const past = new Date(Date.now() - 2 * 3_600_000);
    const { created } = await branchWithToken({ expiresInHours: 1 }, past);
    const { report, fingerprint } = box(created.secret);
    await expectRefused(() => enrolHost(report, { checkKey: sees(fingerprint) }), 403, /expired/, "expired");
    const before = await state();
    expect((await serveEnrolmentScript(created.secret, ORIGIN)).refused).toBe(true);
    expect(await state()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it("a revoked token is refused", async () => {
    const { created } = await branchWithToken();
    await revokeEnrolmentToken(admin, created.token.id);
    const { report, fingerprint } = box(created.secret);
    await expectRefused(() => enrolHost(report, { checkKey: sees(fingerprint) }), 403, /revoked/, "revoked");
  });

  describe("a token for another branch: the box's link-local address or default route does not fit", () => {
    it.each([
      ["a default route through another gateway", { gatewayIp: "169.254.2.1" }, /routes through 169.254.2.1/],
      ["a link-local address outside the pool", { linkLocalIp: "169.254.7.20" }, /outside its pool/],
    ])("%s", async (_, over, text) => {
      const { branch, created } = await branchWithToken();
      await t.db.branch.update({ where: { id: branch.id }, data: { linkLocalPool: "169.254.1.0/24" } });
      const { report, fingerprint } = box(created.secret, over);
      await expectRefused(() => enrolHost(report, { checkKey: sees(fingerprint) }), 409, text, "wrong-branch");
    });
  });

  it("a serial other than the token's is refused", async () => {
    const { created } = await branchWithToken({ expectedSerial: "CZ-9999" });
    const { report, fingerprint } = box(created.secret, { serial: "CZ-1111" });
    await expectRefused(
      () => enrolHost(report, { checkKey: sees(fingerprint) }),
      409,
      /token is for serial CZ-9999/,
      "serial-mismatch",
    );
  });

  it("a forged key (another key answers on the connect-back) is refused and nothing is pinned", async () => {
    const { created } = await branchWithToken();
    const { report } = box(created.secret);
    const real = hostKeyFingerprint(generateEd25519("the real box").publicBlob);
    await expectRefused(() => enrolHost(report, { checkKey: sees(real) }), 409, /refusing to pin it/, "key-mismatch");
  });

  it("no answer on the connect-back: the key is pinned but marked unverified", async () => {
    const { created } = await branchWithToken();
    const { report, fingerprint } = box(created.secret);
    const r = await enrolHost(report, { checkKey: sees(null) });
    expect(r.keyCheck).toBe("unverified");
    const host = await t.db.host.findUniqueOrThrow({ where: { id: r.host.id } });
    expect(host.hostKeyFingerprint).toBe(fingerprint);
    expect(host.hostKeyUnverified).toMatch(/connection timed out/);
  });

  it("a token bound to a host swaps its hardware: guest and link-local stay, old hardware to history", async () => {
    const branch = await makeBranch({}, t.db);
    await makeGateway(branch, {}, t.db);
    const old = await makeHost(branch, { linkLocalIp: "169.254.1.60", hostKeyFingerprint: "SHA256:old" }, t.db);
    const input = ZCreateEnrolmentTokenInput.parse({ hostId: old.id });
    const created = await createEnrolmentToken(admin, branch.code, input, ORIGIN);
    const { report, fingerprint } = box(created.secret, {
      serial: "NEW-BOX-1",
      nicMac: "02:bd:00:01:12:01",
      linkLocalIp: "169.254.1.60",
    });
    const r = await enrolHost(report, { checkKey: sees(fingerprint) });
    expect(r.outcome).toBe("replaced");
    const host = await t.db.host.findUniqueOrThrow({ where: { id: old.id }, include: { guest: true, hardware: true } });
    expect(host).toMatchObject({ serial: "NEW-BOX-1", nicMac: "02:bd:00:01:12:01", linkLocalIp: "169.254.1.60" });
    expect(host.hostKeyFingerprint).toBe(fingerprint);
    expect(host.guest).toMatchObject({ ip: old.guest!.ip, mac: old.guest!.mac });
    expect(host.hardware).toMatchObject([{ serial: old.serial, nicMac: old.nicMac, hostKeyFingerprint: "SHA256:old" }]);
  });
});

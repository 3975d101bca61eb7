import { afterAll, beforeAll, expect, it } from "vitest";
import { parseApiToken } from "@/lib/domain/tokens/api-token";
import { ZCreateApiTokenInput, type CreateApiTokenInput } from "@/lib/domain/tokens/token-input";
import type { Actor } from "@/lib/server/auth/actor";
import { signIn } from "@/lib/server/auth/sign-in";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { auditEventsSince, lastAuditId } from "@/prisma/seed/row-counts";
import { authenticateApiToken } from "./authenticate-api-token";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";

const T0 = new Date("2026-11-20T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const input = (over: Partial<CreateApiTokenInput> & { name: string }) =>
  ZCreateApiTokenInput.parse({ role: "viewer", ...over });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
  );

describeEachDb("API tokens", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  const userActor = async (role: Actor["role"]) => {
    const u = await makeUser(role, {}, t.db);
    return { userId: u.id, username: u.username, role } satisfies Actor;
  };
  const use = (token: string, client = "192.0.2.10", now = T0) =>
    authenticateApiToken(parseApiToken(token), client, now);

  it("a token is shown once: neither its row, nor the audit log, nor the list holds the secret", async () => {
    const alice = await userActor("operator");
    const since = await lastAuditId(t.db);
    const { token, secret } = await createApiToken(alice, input({ name: "ci-deploy", role: "operator" }), T0);
    expect(secret).toMatch(/^bdt_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$/);
    const part = parseApiToken(secret);
    if (!part.ok) throw new Error(part.error);
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    const stored = JSON.stringify(row) + JSON.stringify(await auditEventsSince(t.db, since));
    expect(stored).not.toContain(part.value.secret);
    expect(JSON.stringify(await listApiTokens(alice, T0))).not.toContain(part.value.secret);
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(token).toMatchObject({ name: "ci-deploy", role: "operator", owner: { username: alice.username } });
    expect(token.hint).toBe(`bdt_${part.value.lookupId}_…`);
  });

  it("a token's role is at most its creator's; only admins create service tokens", async () => {
    const viewer = await userActor("viewer");
    expect(await failure(createApiToken(viewer, input({ name: "x", role: "operator" }), T0))).toMatch(
      /^validation: .*role: must be at most your own role \(viewer\)/,
    );
    const operator = await userActor("operator");
    expect(await failure(createApiToken(operator, input({ name: "x", service: true }), T0))).toMatch(
      /service: only admins create service tokens/,
    );
    expect(await failure(createApiToken(viewer, input({ name: "x", allowedCidrs: ["192.0.2.7/24"] }), T0))).toMatch(
      /allowedCidrs: entry 1: 192.0.2.7\/24 has host bits set: write 192.0.2.0\/24/,
    );
    const admin = await userActor("admin");
    const svc = await createApiToken(admin, input({ name: "nightly", role: "admin", service: true }), T0);
    expect(svc.token.owner).toBeNull();
    expect(await use(svc.secret)).toMatchObject({ userId: null, role: "admin", token: { owner: null } });
    // Users see their own; admins see all.
    expect((await listApiTokens(viewer, T0)).map((x) => x.name)).toEqual([]);
    expect((await listApiTokens(admin, T0)).map((x) => x.name)).toContain("nightly");
  });

  it("revoked, expired, unknown and malformed tokens are refused, naming why and never the secret", async () => {
    const bob = await userActor("operator");
    const short = await createApiToken(bob, input({ name: "short", expiresInDays: 1 }), T0);
    expect((await use(short.secret, "192.0.2.11", at(60))).role).toBe("viewer");
    expect(await failure(use(short.secret, "192.0.2.11", at(86_400)))).toMatch(
      /^unauthenticated: API token "short" \(bdt_\w{12}_…\) expired on 2026-11-21T09:00:00.000Z/,
    );
    const gone = await createApiToken(bob, input({ name: "gone" }), T0);
    expect(await failure(revokeApiToken(await userActor("operator"), gone.token.id, T0))).toMatch(/^not_found/);
    await revokeApiToken(bob, gone.token.id, at(5));
    expect(await failure(use(gone.secret, "192.0.2.11", at(6)))).toMatch(/^unauthenticated: .*"gone".* was revoked/);
    const forged = gone.secret.slice(0, -1) + (gone.secret.endsWith("A") ? "B" : "A");
    const messages = [
      await failure(use(forged, "192.0.2.11")),
      await failure(use(gone.secret.slice(0, -3), "192.0.2.11")),
      await failure(use("ghp_something", "192.0.2.11")),
    ];
    expect(messages[0]).toMatch(/^unauthenticated: API token bdt_\w{12}_… is not known$/);
    expect(messages[1]).toMatch(/^unauthenticated: the bearer token is malformed/);
    expect(messages[2]).toMatch(/^unauthenticated: the bearer token is not a Branchdesk API token/);
    for (const m of messages) expect(m).not.toContain(gone.secret.slice(17));
  });

  it("disabling the owner stops the token at once; demoting the owner lowers its power", async () => {
    const carol = await userActor("admin");
    const { secret } = await createApiToken(carol, input({ name: "admin-tok", role: "admin" }), T0);
    expect((await use(secret, "192.0.2.12")).role).toBe("admin");
    await t.db.user.update({ where: { id: carol.userId }, data: { role: "operator" } });
    expect((await use(secret, "192.0.2.12")).role).toBe("operator");
    await t.db.user.update({ where: { id: carol.userId }, data: { disabled: true } });
    expect(await failure(use(secret, "192.0.2.12"))).toBe(
      `unauthenticated: API token "admin-tok" belongs to ${carol.username}, who is disabled`,
    );
  });

  it("allowed CIDRs: stored normalised; a client outside them is refused", async () => {
    const dave = await userActor("viewer");
    const cidrs = ["192.0.2.0/25", " 2001:DB8:0::/32", "198.51.100.7", "192.0.2.0/25"];
    const { token, secret } = await createApiToken(dave, input({ name: "pinned", allowedCidrs: cidrs }), T0);
    expect(token.allowedCidrs).toEqual(["192.0.2.0/25", "2001:db8::/32", "198.51.100.7/32"]);
    for (const ok of ["192.0.2.1", "::ffff:192.0.2.100", "2001:db8::5", "198.51.100.7"]) {
      expect((await use(secret, ok)).role, ok).toBe("viewer");
    }
    for (const bad of ["192.0.2.128", "198.51.100.8", "2001:db9::1", "unknown"]) {
      expect(await failure(use(secret, bad)), bad).toMatch(
        `unauthenticated: API token "pinned" may not be used from ${bad}`,
      );
    }
  });

  it("last use and address are recorded at most once a minute, or when the address changes", async () => {
    const erin = await userActor("viewer");
    const { token, secret } = await createApiToken(erin, input({ name: "poller" }), T0);
    const row = () => t.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    await use(secret, "192.0.2.20", at(0));
    await use(secret, "192.0.2.20", at(30));
    expect(await row()).toMatchObject({ lastUsedAt: at(0), lastClientAddress: "192.0.2.20" });
    await use(secret, "192.0.2.21", at(31));
    expect(await row()).toMatchObject({ lastUsedAt: at(31), lastClientAddress: "192.0.2.21" });
    await use(secret, "192.0.2.21", at(91));
    expect((await row()).lastUsedAt).toEqual(at(91));
  });

  it("failed tokens count toward the client's sign-in limit: past 20, the address waits", async () => {
    const frank = await makeUser("viewer", { password: "correct horse battery" }, t.db);
    const { secret } = await createApiToken(
      { userId: frank.id, username: frank.username, role: "viewer" },
      input({ name: "good" }),
      T0,
    );
    const client = "203.0.113.90";
    const garbage = `bdt_${"A".repeat(12)}_${"B".repeat(43)}`;
    for (let i = 0; i < 20; i++) expect(await failure(use(garbage, client, at(i)))).toMatch(/^unauthenticated/);
    expect(await failure(use(garbage, client, at(20)))).toMatch(
      /^rate_limited: too many failed sign-ins or tokens from your address \(203.0.113.90\): wait 1 s/,
    );
    // A good token from that address waits too, as a right password would; another address does not.
    expect(await failure(use(secret, client, at(20)))).toMatch(/^rate_limited/);
    expect((await use(secret, "203.0.113.91", at(20))).role).toBe("viewer");
    expect(
      await failure(signIn({ username: frank.username, password: "correct horse battery" }, client, at(20))),
    ).toMatch(/^rate_limited: too many failed sign-ins from your address/);
  });

  it("audit events carry the token's name and its owner", async () => {
    const gina = await userActor("admin");
    const { secret } = await createApiToken(gina, input({ name: "ci", role: "admin" }), T0);
    const asToken = await use(secret, "192.0.2.30");
    const since = await lastAuditId(t.db);
    await createApiToken(asToken, input({ name: "made-by-ci" }), T0);
    const svc = await createApiToken(gina, input({ name: "svc", role: "admin", service: true }), T0);
    await createApiToken(await use(svc.secret, "192.0.2.30"), input({ name: "child", service: true }), T0);
    const events = await auditEventsSince(t.db, since);
    expect(events.map((e) => e.actor)).toEqual([
      `${gina.username} via token "ci"`,
      gina.username,
      'service token "svc"',
    ]);
  });
});

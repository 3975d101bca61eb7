import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { ZErrorResponse } from "@/lib/domain/error-response";
import { roleAllows, ROLES, type Role } from "@/lib/domain/role";
import type { ApiRole, WithContract } from "@/lib/server/api/api-contract";
import { signIn } from "@/lib/server/auth/sign-in";
import { ZCreateApiTokenInput } from "@/lib/domain/tokens/token-input";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { rowCounts } from "@/prisma/seed/row-counts";
import { call, loadRouteFiles, type RouteFile } from "./_testing/route-kit";

// "server-only" throws outside a React Server bundle; these tests are that server.
vi.mock("server-only", () => ({}));

const PARAMS = { code: "BR-0042", id: "1" };
// Enrolment (issue 11) takes no session: the single-use token in its body is the credential.
const ENROL = "POST /api/v1/enrol";
const ANONYMOUS_ALLOWED = new Set(["POST /api/v1/session", ENROL]);
// Every user manages their own API tokens (issue 15); the service checks whose and which role.
const OWN_TOKENS = new Set(["POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}"]);

/** Every (method, path) handler found on disk. */
function handlersOf(routes: RouteFile[]) {
  return routes.flatMap((r) =>
    Object.entries(r.handlers).map(([method, handler]) => ({
      method,
      path: r.path,
      handler: handler!,
      key: `${method} ${r.path}`,
    })),
  );
}

/** The role the handler's contract declares: what apiHandler's guard is held to below. */
const roleOf = (key: string): ApiRole => {
  const [method, path] = key.split(" ");
  const handler = routes.find((r) => r.path === path)?.handlers[method as "GET"] as Partial<WithContract> | undefined;
  if (!handler?.contract) throw new Error(`${key} has no contract`);
  return handler.contract.role;
};

let routes: RouteFile[];
beforeAll(async () => {
  routes = await loadRouteFiles();
});

it("finds the route files on disk, each handler with its contract", () => {
  expect(routes.length).toBeGreaterThanOrEqual(10);
  for (const h of handlersOf(routes)) expect([...ROLES, "anonymous"], h.key).toContain(roleOf(h.key));
});

it("viewers only read: every mutation but signing in and out needs operator or admin", () => {
  const open = handlersOf(routes)
    .filter((h) => h.method !== "GET" && !h.path.endsWith("/session") && h.key !== ENROL && !OWN_TOKENS.has(h.key))
    .filter((h) => roleOf(h.key) === "viewer" || roleOf(h.key) === "anonymous");
  expect(open.map((h) => h.key)).toEqual([]);
});

describeEachDb("every /api/v1 route is guarded", (provider) => {
  let t: TestDb;
  const tokens: Partial<Record<Role, string>> = {};
  /** An API token per role, each its owner's (same role); and one revoked. */
  const bearers: Partial<Record<Role, string>> = {};
  let revoked = "";
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    // Token 1, which PARAMS names, belongs to nobody under test: the routes' DELETE revokes it, not theirs.
    const bystander = await makeUser("viewer", {}, t.db);
    const by = { userId: bystander.id, username: bystander.username, role: "viewer" as const };
    await createApiToken(by, ZCreateApiTokenInput.parse({ name: "token 1", role: "viewer" }));
    for (const role of ROLES) {
      const user = await makeUser(role, { password: "guard test password" }, t.db);
      tokens[role] = (await signIn({ username: user.username, password: "guard test password" }, "192.0.2.50")).token;
      const actor = { userId: user.id, username: user.username, role };
      bearers[role] = (await createApiToken(actor, ZCreateApiTokenInput.parse({ name: "guard", role }))).secret;
      if (role === "admin") {
        const gone = await createApiToken(actor, ZCreateApiTokenInput.parse({ name: "gone", role }));
        await revokeApiToken(actor, gone.token.id);
        revoked = gone.secret;
      }
    }
  });
  afterAll(async () => t.drop());

  it(
    "an anonymous request is refused with 401 and the error shape, " + "everywhere but sign-in; nothing is written",
    async () => {
      const before = await rowCounts(t.db);
      for (const h of handlersOf(routes)) {
        if (ANONYMOUS_ALLOWED.has(h.key)) continue;
        const res = await call(h.handler, h.method, h.path, { params: PARAMS, body: {} });
        expect(res.status, h.key).toBe(401);
        expect(ZErrorResponse.strict().parse(res.json), h.key).toMatchObject({
          error: { code: "unauthenticated", message: "sign in first", fields: {} },
        });
      }
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it("enrolment without a session: a body without a token is 422, an unknown token 401 and only audited", async () => {
    const h = handlersOf(routes).find((x) => x.key === ENROL)!;
    const empty = await call(h.handler, h.method, h.path, { params: PARAMS, body: {} });
    expect(empty.status).toBe(422);
    expect(ZErrorResponse.strict().parse(empty.json).error.fields.token).toBeDefined();
    const before = await rowCounts(t.db);
    const report = {
      token: "x".repeat(43),
      serial: "SN-1",
      hostname: "box",
      nicMac: "02:00:00:00:00:01",
      bridge: "virbr0",
      hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBc1XQ2RPQfmhP3RHN5Rdd1dGOU5sLm1dM6+A0bbkQo9",
      kernel: "6.1.0",
      distro: "Debian GNU/Linux 12 (bookworm)",
      fleetKeyInstalled: false,
    };
    const unknown = await call(h.handler, h.method, h.path, { params: PARAMS, body: report });
    expect(unknown.status).toBe(401);
    expect(ZErrorResponse.strict().parse(unknown.json).error.message).toMatch(/token is not known/);
    expect(await rowCounts(t.db)).toEqual({ ...before, auditEvents: before.auditEvents + 1 });
  });

  it("a forged or expired-looking session cookie counts as anonymous", async () => {
    for (const h of handlersOf(routes).filter((x) => !ANONYMOUS_ALLOWED.has(x.key))) {
      expect(
        (await call(h.handler, h.method, h.path, { params: PARAMS, token: "forged-token", body: {} })).status,
        h.key,
      ).toBe(401);
    }
  });

  it("a signed-in user whose role is too weak gets 403 with the error shape, and nothing is written", async () => {
    const before = await rowCounts(t.db);
    let refused = 0;
    for (const h of handlersOf(routes)) {
      const needed = roleOf(h.key);
      if (needed === "anonymous") continue;
      for (const role of ROLES.filter((r) => !roleAllows(r, needed))) {
        const res = await call(h.handler, h.method, h.path, { params: PARAMS, token: tokens[role], body: {} });
        expect(res.status, `${role} ${h.key}`).toBe(403);
        expect(ZErrorResponse.strict().parse(res.json).error.message, h.key).toContain(`needs the ${needed} role`);
        refused++;
      }
    }
    // viewer and operator against every admin route: the table above must not be empty.
    expect(refused).toBeGreaterThanOrEqual(2 * handlersOf(routes).filter((h) => roleOf(h.key) === "admin").length);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("a strong enough role gets past the guard on every route (no 401/403)", async () => {
    for (const h of handlersOf(routes)) {
      const needed = roleOf(h.key);
      if (needed === "anonymous" || (h.method === "DELETE" && h.path === "/api/v1/session")) continue;
      const res = await call(h.handler, h.method, h.path, { params: PARAMS, token: tokens[needed], body: {} });
      expect([401, 403], `${h.key} -> ${res.status} ${JSON.stringify(res.json)}`).not.toContain(res.status);
    }
  });

  // Bearer auth (issue 15): the same guard, through the Authorization header.
  /** A client address of its own per request, so the failures below never reach the per-client limit. */
  let clients = 0;
  const fresh = () => ({ "x-forwarded-for": `2001:db8::${(++clients).toString(16)}` });

  it("a garbage, unknown or revoked bearer token is 401 on every route, even beside a valid session", async () => {
    const before = await rowCounts(t.db);
    const unknown = revoked.slice(0, 17) + "0".repeat(43);
    const cases: Array<[string, RegExp]> = [
      ["garbage", /not a Branchdesk API token/],
      [revoked.slice(0, -1), /malformed/],
      [unknown, /is not known/],
      [revoked, /was revoked/],
    ];
    // Every route gets the revoked token, and one of the other three in turn (each failure is a write).
    const guarded = handlersOf(routes).filter((x) => !ANONYMOUS_ALLOWED.has(x.key));
    for (const [i, h] of guarded.entries()) {
      for (const [bearer, message] of [cases[3]!, cases[i % 3]!]) {
        const options = { params: PARAMS, token: tokens.admin, bearer, headers: fresh(), body: {} };
        const res = await call(h.handler, h.method, h.path, options);
        expect(res.status, `${h.key} ${bearer.slice(0, 8)}`).toBe(401);
        expect(ZErrorResponse.strict().parse(res.json).error.message, h.key).toMatch(message);
        expect(JSON.stringify(res.json)).not.toContain(revoked.slice(17));
      }
    }
    expect(await rowCounts(t.db)).toEqual(before);
  }, 60_000);

  it("another scheme in the Authorization header is 401, not a fall back to the cookie", async () => {
    const h = handlersOf(routes).find((x) => x.key === "GET /api/v1/users")!;
    const headers = { ...fresh(), authorization: "Basic YWRtaW46YWRtaW4=" };
    const res = await call(h.handler, h.method, h.path, { token: tokens.admin, headers });
    expect(res.status).toBe(401);
    expect(res.json!.error.message).toMatch(/must be `Bearer bdt_/);
  });

  it("a token whose role is too weak gets 403 on every route (a viewer token writes nothing)", async () => {
    const before = await rowCounts(t.db);
    let refused = 0;
    for (const h of handlersOf(routes)) {
      const needed = roleOf(h.key);
      if (needed === "anonymous") continue;
      for (const role of ROLES.filter((r) => !roleAllows(r, needed))) {
        const res = await call(h.handler, h.method, h.path, { params: PARAMS, bearer: bearers[role], body: {} });
        expect(res.status, `${role} token ${h.key}`).toBe(403);
        expect(res.json!.error.message, h.key).toBe(`this needs the ${needed} role; token "guard" acts as ${role}`);
        refused++;
      }
    }
    expect(refused).toBeGreaterThanOrEqual(2 * handlersOf(routes).filter((h) => roleOf(h.key) === "admin").length);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("a strong enough token gets past the guard on every route, with no CSRF check (a foreign Origin)", async () => {
    const headers = { origin: "https://elsewhere.example" };
    for (const h of handlersOf(routes)) {
      const needed = roleOf(h.key);
      if (needed === "anonymous") continue;
      const res = await call(h.handler, h.method, h.path, {
        params: PARAMS,
        bearer: bearers[needed],
        headers,
        body: {},
      });
      expect([401, 403], `${h.key} -> ${res.status} ${JSON.stringify(res.json)}`).not.toContain(res.status);
    }
    // The same request with the session cookie instead is refused as cross-site.
    const h = handlersOf(routes).find((x) => x.key === "POST /api/v1/tokens")!;
    const res = await call(h.handler, h.method, h.path, {
      token: tokens.viewer,
      headers,
      body: { name: "x", role: "viewer" },
    });
    expect(res.status).toBe(403);
    expect(res.json!.error.message).toMatch(/cross-site request refused/);
  });

  it("an operator's token cannot manage users; once its owner is demoted it cannot start a rollout", async () => {
    const users = handlersOf(routes).filter((h) => h.path.startsWith("/api/v1/users"));
    for (const h of users) {
      expect(
        (await call(h.handler, h.method, h.path, { params: PARAMS, bearer: bearers.operator, body: {} })).status,
      ).toBe(403);
    }
    const user = await makeUser("operator", {}, t.db);
    const actor = { userId: user.id, username: user.username, role: "operator" as const };
    const { secret } = await createApiToken(actor, ZCreateApiTokenInput.parse({ name: "ops", role: "operator" }));
    const rollouts = handlersOf(routes).find((x) => x.key === "POST /api/v1/rollouts")!;
    const go = () => call(rollouts.handler, "POST", rollouts.path, { bearer: secret, body: {} });
    expect((await go()).status).toBe(422);
    await t.db.user.update({ where: { id: user.id }, data: { role: "viewer" } });
    expect((await go()).status).toBe(403);
  });

  it("a service token passes the guard as its role; GET /session says it acts for no user", async () => {
    const admin = await makeUser("admin", {}, t.db);
    const actor = { userId: admin.id, username: admin.username, role: "admin" as const };
    const body = ZCreateApiTokenInput.parse({ name: "svc", role: "operator", service: true });
    const { secret } = await createApiToken(actor, body);
    const session = handlersOf(routes).find((x) => x.key === "GET /api/v1/session")!;
    const who = await call(session.handler, "GET", session.path, { bearer: secret });
    expect(who.status).toBe(404);
    expect(who.json!.error.message).toBe(
      "service-token:svc acts for no user (a service token); GET /api/v1/tokens shows what it is",
    );
    const users = handlersOf(routes).find((x) => x.key === "GET /api/v1/users")!;
    expect((await call(users.handler, "GET", users.path, { bearer: secret })).status).toBe(403);
  });
});

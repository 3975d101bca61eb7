import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { loadRouteFiles, router } from "./_testing/route-kit";

vi.mock("server-only", () => ({}));

describeEachDb("POST/GET/DELETE /api/v1/session", (provider) => {
  let t: TestDb;
  let api: ReturnType<typeof router>;
  const password = "session test password";
  let username: string;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    api = router(await loadRouteFiles());
    username = (await makeUser("operator", { password }, t.db)).username;
  });
  afterAll(async () => t.drop());

  const tokenOf = (setCookie: string | null) => setCookie?.match(new RegExp(`${SESSION_COOKIE}=([^;]*)`))?.[1] ?? "";

  it(
    "signing in answers the user and sets an httpOnly, " + "SameSite=Strict, Path=/ cookie (not Secure over http)",
    async () => {
      const res = await api("POST", "/api/v1/session", { body: { username, password } });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ user: { id: expect.any(Number), username, role: "operator" } });
      const cookie = res.headers.get("set-cookie")!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/i);
      const token = tokenOf(cookie);
      expect(token.length).toBeGreaterThan(20);
      expect(await api("GET", "/api/v1/session", { token })).toMatchObject({
        status: 200,
        json: { user: { username, role: "operator" } },
      });
    },
  );

  it("behind an https proxy the cookie is Secure", async () => {
    const res = await api("POST", "/api/v1/session", {
      body: { username, password },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(res.headers.get("set-cookie")).toMatch(/Secure/i);
  });

  it("a wrong password is 401 and counted against the forwarded client address (or 'unknown')", async () => {
    const wrong = await api("POST", "/api/v1/session", {
      body: { username, password: "not it at all" },
      headers: { "x-forwarded-for": "203.0.113.77, 198.51.100.1" },
    });
    expect(wrong).toMatchObject({
      status: 401,
      json: { error: { code: "unauthenticated", message: "wrong username or password" } },
    });
    expect(wrong.headers.get("set-cookie")).toBeNull();
    await api("POST", "/api/v1/session", { body: { username: "nobody", password: "whatever it is" } });
    const keys = (await t.db.loginThrottle.findMany({ where: { failures: { gt: 0 } }, select: { key: true } })).map(
      (a) => a.key,
    );
    expect(keys).toEqual(expect.arrayContaining(["ip:203.0.113.77", "ip:unknown"]));
  });

  it("a missing field is 422 naming it", async () => {
    const res = await api("POST", "/api/v1/session", { body: { username } });
    expect(res).toMatchObject({
      status: 422,
      json: { error: { code: "validation", fields: { password: [expect.any(String)] } } },
    });
  });

  it("signing out ends the session and clears the cookie", async () => {
    const token = tokenOf(
      (await api("POST", "/api/v1/session", { body: { username, password } })).headers.get("set-cookie"),
    );
    const out = await api("DELETE", "/api/v1/session", { token });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(
      new RegExp(`${SESSION_COOKIE}=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)`, "i"),
    );
    expect((await api("GET", "/api/v1/session", { token })).status).toBe(401);
  });
});

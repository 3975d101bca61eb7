import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { ZErrorResponse } from "@/lib/domain/error-response";
import { signIn } from "@/lib/server/auth/sign-in";
import { API_HEADERS } from "@/lib/server/http/security-headers";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { call, HTTP_METHODS, loadRouteFiles, type RouteFile } from "./_testing/route-kit";

vi.mock("server-only", () => ({}));

const PARAMS = { code: "BR-0042", id: "1" };

/** What issue 8 asked every JSON answer to carry, spelled out here rather than read back from API_HEADERS. */
function expectSecurityHeaders(headers: Headers, what: string): void {
  expect(headers.get("content-security-policy"), what).toContain("default-src 'none'");
  expect(headers.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
  expect(headers.get("x-frame-options"), what).toBe("DENY");
  expect(headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(headers.get("referrer-policy"), what).toBe("same-origin");
  expect(headers.get("cache-control"), what).toBe("no-store");
}

let routes: RouteFile[];
beforeAll(async () => {
  routes = await loadRouteFiles();
});

it("the expected headers are the ones API_HEADERS defines", () => {
  expectSecurityHeaders(new Headers(API_HEADERS), "API_HEADERS");
});

describeEachDb("every /api/v1 answer carries the security headers and Cache-Control: no-store", (provider) => {
  let t: TestDb;
  let admin: string;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    const user = await makeUser("admin", { password: "headers test password" }, t.db);
    admin = (await signIn({ username: user.username, password: "headers test password" }, "192.0.2.70")).token;
  });
  afterAll(async () => t.drop());

  it("on every route and method, anonymous (errors) and signed in (successes and failures)", async () => {
    let checked = 0;
    for (const r of routes) {
      for (const [method, handler] of Object.entries(r.handlers)) {
        if (method === "DELETE" && r.path === "/api/v1/session") continue; // would end the admin's session
        for (const token of [undefined, admin]) {
          const res = await call(handler!, method, r.path, { params: PARAMS, token, body: {} });
          expectSecurityHeaders(res.headers, `${method} ${r.path} -> ${res.status}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2 * 20);
  });

  it("on a 204, on a bad body (400) and on sign-in's own response with its cookie", async () => {
    const signOutRoute = routes.find((r) => r.path === "/api/v1/session")!;
    const signedIn = await call(signOutRoute.handlers.POST!, "POST", "/api/v1/session", {
      rawBody: '{"username":"x","username":"y"}',
    });
    expect(signedIn.status).toBe(400);
    expectSecurityHeaders(signedIn.headers, "POST /api/v1/session (duplicate key)");
    const u = await makeUser("viewer", { password: "headers test password" }, t.db);
    const body = { username: u.username, password: "headers test password" };
    const ok = await call(signOutRoute.handlers.POST!, "POST", "/api/v1/session", { body });
    expect(ok.status).toBe(200);
    expectSecurityHeaders(ok.headers, "POST /api/v1/session (200, Set-Cookie)");
    const token = ok.headers.get("set-cookie")!.split(";")[0]!.split("=")[1]!;
    const out = await call(signOutRoute.handlers.DELETE!, "DELETE", "/api/v1/session", { token });
    expect(out.status).toBe(204);
    expectSecurityHeaders(out.headers, "DELETE /api/v1/session (204)");
  });
});

it("an unknown /api/v1 path answers JSON 404 in the error shape, for every method, with the headers", async () => {
  const unknownRoute = await import("./[...path]/route");
  for (const method of HTTP_METHODS) {
    const handler = (unknownRoute as Record<string, unknown>)[method];
    expect(typeof handler, method).toBe("function");
    const res = await call(handler as Parameters<typeof call>[0], method, "/api/v1/no/such/route", {});
    expect(res.status, method).toBe(404);
    expectSecurityHeaders(res.headers, `${method} unknown route`);
    if (method === "HEAD") continue;
    expect(ZErrorResponse.strict().parse(res.json).error).toMatchObject({
      code: "not_found",
      message: expect.stringContaining("/api/v1/no/such/route"),
    });
  }
});

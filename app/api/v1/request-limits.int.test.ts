import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { ZErrorResponse } from "@/lib/domain/error-response";
import { signIn } from "@/lib/server/auth/sign-in";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { rowCounts } from "@/prisma/seed/row-counts";
import { loadRouteFiles, ORIGIN, router } from "./_testing/route-kit";

vi.mock("server-only", () => ({}));

const branch = { code: "BR-0042", name: "Lyon", region: "East", lanCidr: "198.51.100.0/24" };

describeEachDb("API request limits: malformed, oversized and cross-site requests write nothing", (provider) => {
  let t: TestDb;
  let admin: string;
  let api: ReturnType<typeof router>;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    api = router(await loadRouteFiles());
    const user = await makeUser("admin", { password: "limits test password" }, t.db);
    admin = (await signIn({ username: user.username, password: "limits test password" }, "192.0.2.60")).token;
  });
  afterAll(async () => t.drop());

  it.each([
    ["truncated JSON", '{"code": "BR-0042", "name": '],
    ["a trailing comma", '{"code": "BR-0042",}'],
    ["a bare word", "code=BR-0042"],
  ])("malformed JSON (%s) is 400 with the error shape, and nothing is written", async (_, rawBody) => {
    const before = await rowCounts(t.db);
    const res = await api("POST", "/api/v1/branches", { token: admin, rawBody });
    expect(res.status).toBe(400);
    expect(ZErrorResponse.strict().parse(res.json).error).toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("not valid JSON"),
    });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it.each([
    ["an array", [branch]],
    ["null", null],
    ["a string", "BR-0042"],
  ])("a JSON body that is %s is 422, keyed 'body'", async (_, body) => {
    const res = await api("POST", "/api/v1/branches", { token: admin, rawBody: JSON.stringify(body) });
    expect(res.status).toBe(422);
    expect(Object.keys(res.json!.error.fields)).toEqual(["body"]);
  });

  it(
    "a body over 64 KiB is 413 whether Content-Length " + "declares it or it streams in chunks; nothing is written",
    async () => {
      const before = await rowCounts(t.db);
      const huge = JSON.stringify({ ...branch, name: "x".repeat(70 * 1024) });
      const declared = await api("POST", "/api/v1/branches", {
        token: admin,
        rawBody: huge,
        headers: { "content-length": String(huge.length) },
      });
      expect(declared.status).toBe(413);
      expect(declared.json!.error.code).toBe("payload_too_large");
      const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          // An endless body: the reader must stop at the limit, not buffer it all.
          sent++;
          controller.enqueue(chunk);
          if (sent > 1000) controller.close();
        },
      });
      const streamed = await api("POST", "/api/v1/branches", { token: admin, rawBody: stream });
      expect(streamed.status).toBe(413);
      expect(sent).toBeLessThan(10);
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it("a body of exactly 64 KiB is still read", async () => {
    const body = JSON.stringify({ ...branch, name: "" });
    const padded = body + " ".repeat(64 * 1024 - body.length);
    const res = await api("POST", "/api/v1/branches", { token: admin, rawBody: padded });
    expect(res.status).toBe(422); // read and parsed: the empty name is the only problem
    expect(Object.keys(res.json!.error.fields)).toEqual(["name"]);
  });

  it(
    "a body that repeats a key is 400 naming the key, " + "and nothing is written (a viewer cannot become an admin)",
    async () => {
      const before = await rowCounts(t.db);
      const rawBody = '{"username":"dup-role","password":"a long enough password","role":"viewer","role":"admin"}';
      const res = await api("POST", "/api/v1/users", { token: admin, rawBody });
      expect(res.status).toBe(400);
      expect(ZErrorResponse.strict().parse(res.json).error).toMatchObject({
        code: "bad_request",
        fields: { role: [expect.any(String)] },
      });
      expect(res.json!.error.message).toContain("role");
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it.each([
    ["a branch name", "POST", "/api/v1/branches", { ...branch, name: "Lyon \ud800" }, "name"],
    ["the sign-in username", "POST", "/api/v1/session", { username: "\ud800", password: "whatever it is" }, "username"],
  ] as const)(
    "a lone surrogate in %s is 400 naming the field, and nothing is written",
    async (_, method, path, body, field) => {
      const before = await rowCounts(t.db);
      // JSON.stringify would escape the backslash: build the text so the body carries the \ud800 escape itself.
      const rawBody = JSON.stringify(body).replace("\\\\ud800", "\\ud800");
      expect(rawBody).toContain('\\ud800"');
      const res = await api(method, path, { token: admin, rawBody });
      expect(res.status).toBe(400);
      expect(ZErrorResponse.strict().parse(res.json).error).toMatchObject({
        code: "bad_request",
        fields: { [field]: [expect.any(String)] },
      });
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it("a body that is not UTF-8 is 400, not silently repaired", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"code":"BR-0043","name":"'),
      0xff,
      ...new TextEncoder().encode('"}'),
    ]);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    });
    const res = await api("POST", "/api/v1/branches", { token: admin, rawBody: stream });
    expect(res.status).toBe(400);
    expect(res.json!.error.message).toContain("not valid UTF-8");
  });

  it.each(["0x7f.0.0.1", "127.1", "0177.0.0.1", "2130706433", "169.254.169.254", "0.0.0.0", "224.0.0.1", "localhost"])(
    "a gateway sshAddress of %s (the dashboard itself, metadata, " +
      "not one box) is 422 on sshAddress, and nothing is written",
    async (sshAddress) => {
      // Its own LAN: branches' LANs may not overlap, and a later test creates BR-0042 on 198.51.100.0/24.
      await api("POST", "/api/v1/branches", {
        token: admin,
        body: { ...branch, code: "BR-0077", lanCidr: "203.0.113.0/24" },
      });
      const before = await rowCounts(t.db);
      const body = { hostname: "gw-0077", sshAddress, lanIfname: "eth1", lanIp: "203.0.113.1" };
      const res = await api("PUT", "/api/v1/branches/{code}/gateway", {
        token: admin,
        params: { code: "BR-0077" },
        body,
      });
      expect(res.status).toBe(422);
      expect(Object.keys(res.json!.error.fields)).toEqual(["sshAddress"]);
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it.each([
    ["/api/v1/branches", "region"],
    ["/api/v1/audit", "actor"],
    ["/api/v1/audit", "entityId"],
  ] as const)(
    "a NUL in a query parameter (%s ?%s=%%00) is 400 naming it, not a database error",
    async (path, param) => {
      const res = await api("GET", path, { token: admin, query: { [param]: "a\u0000b" } });
      expect(res.status).toBe(400);
      expect(ZErrorResponse.strict().parse(res.json).error).toMatchObject({
        code: "bad_request",
        fields: { [param]: [expect.any(String)] },
      });
    },
  );

  it(
    "a cross-origin mutation is 403 even with a valid session, " + "and nothing is written; same-origin works",
    async () => {
      const before = await rowCounts(t.db);
      for (const origin of ["https://evil.example", "http://localhost:3001", "null"]) {
        const res = await api("POST", "/api/v1/branches", { token: admin, body: branch, headers: { origin } });
        expect(res.status, origin).toBe(403);
        expect(res.json!.error.message).toContain("cross-site request refused");
      }
      expect(await rowCounts(t.db)).toEqual(before);
      const same = await api("POST", "/api/v1/branches", { token: admin, body: branch, headers: { origin: ORIGIN } });
      expect(same.status).toBe(201);
    },
  );
});

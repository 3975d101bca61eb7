import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { signIn } from "@/lib/server/auth/sign-in";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeHost, makeUser } from "@/prisma/seed/factories";
import { call } from "../_testing/route-kit";
import { GET } from "./route";

vi.mock("server-only", () => ({}));

describeEachDb("GET /api/v1/hosts?q=: the fleet search over HTTP", (provider) => {
  let t: TestDb;
  let token: string;
  const search = (query: Record<string, string>) => call(GET, "GET", "/api/v1/hosts", { token, query });
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    const user = await makeUser("viewer", { password: "search test password" }, t.db);
    token = (await signIn({ username: user.username, password: "search test password" }, "192.0.2.60")).token;
    const branch = await makeBranch({ code: "HTTP-1" }, t.db);
    await makeHost(branch, { hostname: "http-h01", serial: "SN-HTTP-1" }, t.db);
  });
  afterAll(async () => t?.drop());

  it("a viewer finds a host by serial in another case", async () => {
    const res = await search({ q: "  sn-http-1 ", pageSize: "5" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ q: "sn-http-1", total: 1, page: 1, pageSize: 5 });
    expect(res.json!.items[0]).toMatchObject({ hostname: "http-h01", branch: { code: "HTTP-1" } });
    expect(res.json!.items[0].matched).toEqual({ field: "serial", exact: true });
  });

  it.each([
    [{}, "q", "is required"],
    [{ q: "" }, "q", "must not be empty"],
    [{ q: "   " }, "q", "must not be empty"],
    [{ q: "x".repeat(101) }, "q", "must be at most 100 characters"],
    [{ q: "a\u200bb" }, "q", "U+200B"],
    [{ q: "x", page: "0" }, "page", ""],
    [{ q: "x", pageSize: "1000" }, "pageSize", ""],
    [{ q: "x", limit: "5" }, "limit", "unknown query parameter; the host search takes q, page, pageSize"],
  ])("%j is refused (422), naming %s", async (query, field, message) => {
    const res = await search(query);
    expect(res.status).toBe(422);
    expect(res.json!.error.code).toBe("validation");
    expect(Object.keys(res.json!.error.fields)).toEqual([field]);
    expect(res.json!.error.fields[field].join(" ")).toContain(message);
  });
});

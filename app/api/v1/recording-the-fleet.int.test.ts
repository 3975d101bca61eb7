import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { ZBranchWriteResponse, ZHostWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { signIn } from "@/lib/server/auth/sign-in";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { rowCounts } from "@/prisma/seed/row-counts";
import { loadRouteFiles, router } from "./_testing/route-kit";

vi.mock("server-only", () => ({}));

/** Issue 8, "recording the fleet as it already is", through the JSON API. */
describeEachDb("recording an existing fleet through /api/v1", (provider) => {
  let t: TestDb;
  let api: ReturnType<typeof router>;
  let admin: string;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    api = router(await loadRouteFiles());
    const user = await makeUser("admin", { password: "recording test pass phrase" }, t.db);
    admin = (await signIn({ username: user.username, password: "recording test pass phrase" }, "192.0.2.71")).token;
  });
  afterAll(async () => t.drop());

  const branch = {
    code: "lyon-01",
    name: "Lyon",
    region: "East",
    lanCidr: "198.51.100.0/24",
    gatewayLinkLocalIp: "169.254.0.1",
  };

  it(
    "a branch of the bank's own code with its gateway at " + "169.254.0.1 is created, answering the warning beside it",
    async () => {
      const res = await api("POST", "/api/v1/branches", { token: admin, body: branch });
      expect(res.status).toBe(201);
      const saved = ZBranchWriteResponse.parse(res.json);
      expect(saved.branch).toMatchObject({ code: "LYON-01", gatewayLinkLocalIp: "169.254.0.1" });
      expect(saved.warnings).toEqual({ gatewayLinkLocalIp: [expect.stringContaining("RFC 3927 reserves")] });
      const patched = await api("PATCH", "/api/v1/branches/{code}", {
        token: admin,
        params: { code: "lyon-01" },
        body: { name: "Lyon Part-Dieu" },
      });
      expect(ZBranchWriteResponse.parse(patched.json).warnings).toEqual(saved.warnings);
    },
  );

  it(
    "a host typed at 169.254.0.5 is created with a warning on linkLocalIp; " +
      "an edit out of the reserved /24 clears it",
    async () => {
      const body = {
        hostname: "lyon-01-h01",
        serial: "SN-L1",
        nicMac: "02:00:5e:10:00:01",
        linkLocalIp: "169.254.0.5",
      };
      const res = await api("POST", "/api/v1/branches/{code}/hosts", {
        token: admin,
        params: { code: "LYON-01" },
        body,
      });
      expect(res.status).toBe(201);
      const saved = ZHostWriteResponse.parse(res.json);
      expect(saved.warnings.linkLocalIp).toEqual([expect.stringMatching(/^169\.254\.0\.5 is in 169\.254\.0\.0\/24/)]);
      const moved = await api("PATCH", "/api/v1/hosts/{id}", {
        token: admin,
        params: { id: String(saved.host.id) },
        body: { linkLocalIp: "169.254.1.5" },
      });
      expect(ZHostWriteResponse.parse(moved.json).warnings).toEqual({});
    },
  );

  it.each([
    [
      "POST",
      "/api/v1/branches",
      {},
      { ...branch, code: "LYON-02", lanCidr: "203.0.113.0/24", colour: "red" },
      "colour",
    ],
    [
      "POST",
      "/api/v1/branches/{code}/hosts",
      { code: "LYON-01" },
      { hostname: "h9", serial: "S9", nicMac: "02:00:5e:10:00:09", branchId: 7 },
      "branchId",
    ],
    [
      "PUT",
      "/api/v1/branches/{code}/gateway",
      { code: "LYON-01" },
      { hostname: "gw", sshAddress: "203.0.113.9", lanIfname: "eth1", lanIp: "198.51.100.1", pinned: true },
      "pinned",
    ],
  ] as const)(
    "%s %s refuses an unknown field, naming it, and writes nothing",
    async (method, path, params, body, field) => {
      const before = await rowCounts(t.db);
      const res = await api(method, path, { token: admin, params, body });
      expect(res.status).toBe(422);
      expect(Object.keys(res.json!.error.fields)).toEqual([field]);
      expect(res.json!.error.message).toContain(`${field}: unknown field`);
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])(
    "an unknown field named %s, like an Object.prototype member, is a 422 on that name too (not a 500)",
    async (field) => {
      const body = `{"code":"LYON-04","name":"n","region":"r","lanCidr":"192.0.2.0/24",${JSON.stringify(field)}:1}`;
      const res = await api("POST", "/api/v1/branches", { token: admin, rawBody: body });
      expect(res.status).toBe(422);
      expect(Object.keys(res.json!.error.fields)).toEqual([field]);
    },
  );

  it("a LAN over another branch's LAN is 422 on lanCidr naming that branch", async () => {
    const res = await api("POST", "/api/v1/branches", {
      token: admin,
      body: { ...branch, code: "LYON-03", lanCidr: "198.51.100.128/25" },
    });
    expect(res).toMatchObject({
      status: 422,
      json: { error: { fields: { lanCidr: [expect.stringContaining("of branch LYON-01 (Lyon Part-Dieu)")] } } },
    });
  });
});

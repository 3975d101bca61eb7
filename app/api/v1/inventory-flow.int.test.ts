import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { ZAuditListResponse } from "@/lib/domain/audit/audit-views";
import {
  ZBranchDetailResponse,
  ZBranchListResponse,
  ZHostDetailResponse,
  ZHostResponse,
} from "@/lib/domain/inventory/inventory-views";
import { signIn } from "@/lib/server/auth/sign-in";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { rowCounts } from "@/prisma/seed/row-counts";
import { loadRouteFiles, router } from "./_testing/route-kit";

vi.mock("server-only", () => ({}));

describeEachDb("inventory through /api/v1", (provider) => {
  let t: TestDb;
  let api: ReturnType<typeof router>;
  let admin: string;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    api = router(await loadRouteFiles());
    const [a, v] = [
      await makeUser("admin", { username: "erin", password: "flow test password" }, t.db),
      await makeUser("viewer", { password: "flow test password" }, t.db),
    ];
    admin = (await signIn({ username: a.username, password: "flow test password" }, "192.0.2.70")).token;
    viewer = (await signIn({ username: v.username, password: "flow test password" }, "192.0.2.70")).token;
  });
  afterAll(async () => t.drop());

  const host = {
    hostname: "br-0042-h01",
    serial: "SN-42-01",
    nicMac: "00:16:3e:42:00:01",
    guest: { name: "WIN-42-01", domain: "win-42-01", ip: "198.51.100.10" },
  };

  it("builds a branch: branch, gateway, host with guest; reads answer the documented shapes", async () => {
    expect(
      (
        await api("POST", "/api/v1/branches", {
          token: admin,
          body: { code: "br-0042", name: "Lyon", region: "East", lanCidr: "198.51.100.0/24" },
        })
      ).status,
    ).toBe(201);
    const gw = await api("PUT", "/api/v1/branches/{code}/gateway", {
      token: admin,
      params: { code: "BR-0042" },
      body: { hostname: "gw-0042", sshAddress: "203.0.113.42", lanIfname: "eth1", lanIp: "198.51.100.1" },
    });
    expect(gw).toMatchObject({ status: 200, json: { gateway: { hostname: "gw-0042", sshPort: 22, sshUser: "root" } } });
    const created = await api("POST", "/api/v1/branches/{code}/hosts", {
      token: admin,
      params: { code: "BR-0042" },
      body: host,
    });
    expect(created.status).toBe(201);
    expect(ZHostResponse.parse(created.json).host).toMatchObject({
      linkLocalIp: "169.254.1.0",
      bridge: "virbr0",
      state: "planned",
      guest: { mac: "52:54:00:00:00:01", ip: "198.51.100.10" },
    });

    const list = ZBranchListResponse.parse(
      (await api("GET", "/api/v1/branches", { token: viewer, query: { q: "lyon" } })).json,
    );
    expect(list.branches).toEqual([
      expect.objectContaining({
        code: "BR-0042",
        hostCount: 1,
        gateway: expect.objectContaining({ lanIp: "198.51.100.1" }),
      }),
    ]);
    const detail = ZBranchDetailResponse.parse(
      (await api("GET", "/api/v1/branches/{code}", { token: viewer, params: { code: "br-0042" } })).json,
    );
    expect(detail.hosts).toHaveLength(1);
    const hostId = String(detail.hosts[0]!.id);
    expect(
      ZHostDetailResponse.parse(
        (await api("GET", "/api/v1/hosts/{id}", { token: viewer, params: { id: hostId } })).json,
      ).branch.code,
    ).toBe("BR-0042");
  });

  it("a bad MAC and a guest IP outside the LAN come back as 422 with both fields, and nothing is written", async () => {
    const before = await rowCounts(t.db);
    const badMac = await api("POST", "/api/v1/branches/{code}/hosts", {
      token: admin,
      params: { code: "BR-0042" },
      body: {
        ...host,
        hostname: "br-0042-h02",
        nicMac: "01:00:5e:00:00:01",
        guest: { ...host.guest, ip: "203.0.113.9" },
      },
    });
    expect(badMac.status).toBe(422);
    expect(badMac.json!.error.fields).toEqual({
      nicMac: ["01:00:5e:00:00:01 is a multicast/group MAC, not a unicast NIC address"],
    });
    const outside = await api("POST", "/api/v1/branches/{code}/hosts", {
      token: admin,
      params: { code: "BR-0042" },
      body: {
        ...host,
        hostname: "br-0042-h02",
        serial: "SN-42-02",
        nicMac: "00:16:3e:42:00:02",
        guest: { ...host.guest, ip: "203.0.113.9", mac: "52:54:00:00:00:01" },
      },
    });
    expect(outside.status).toBe(422);
    expect(outside.json!.error.fields).toEqual({
      "guest.ip": ["203.0.113.9 is outside the branch LAN 198.51.100.0/24"],
      "guest.mac": [expect.stringContaining("52:54:00:00:00:01 is already used by guest WIN-42-01")],
    });
    expect(outside.json!.error.message).toContain("guest.ip: 203.0.113.9 is outside the branch LAN");
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("edits, refuses deleting a branch with hosts, deletes, and the audit log shows every change", async () => {
    const hostId = String((await t.db.host.findFirstOrThrow({ where: { hostname: "br-0042-h01" } })).id);
    expect(
      (await api("PATCH", "/api/v1/hosts/{id}", { token: admin, params: { id: hostId }, body: { state: "active" } }))
        .json!.host.state,
    ).toBe("active");
    expect(
      (
        await api("PUT", "/api/v1/hosts/{id}/guest", {
          token: admin,
          params: { id: hostId },
          body: { ...host.guest, ip: "198.51.100.11" },
        })
      ).json!.guest,
    ).toMatchObject({ ip: "198.51.100.11", mac: "52:54:00:00:00:01" });
    expect(
      (
        await api("PATCH", "/api/v1/branches/{code}", {
          token: admin,
          params: { code: "BR-0042" },
          body: { name: "Lyon Part-Dieu" },
        })
      ).json!.branch.name,
    ).toBe("Lyon Part-Dieu");
    const refused = await api("DELETE", "/api/v1/branches/{code}", { token: admin, params: { code: "BR-0042" } });
    expect(refused).toMatchObject({
      status: 409,
      json: { error: { code: "conflict", message: "branch BR-0042 still has 1 host; delete them first" } },
    });
    expect((await api("DELETE", "/api/v1/hosts/{id}", { token: admin, params: { id: hostId } })).status).toBe(204);
    expect(
      (await api("DELETE", "/api/v1/branches/{code}/gateway", { token: admin, params: { code: "BR-0042" } })).status,
    ).toBe(204);
    expect((await api("DELETE", "/api/v1/branches/{code}", { token: admin, params: { code: "BR-0042" } })).status).toBe(
      204,
    );
    expect((await api("GET", "/api/v1/branches/{code}", { token: viewer, params: { code: "BR-0042" } })).status).toBe(
      404,
    );

    // As an admin: sign-in events are admin-only (docs/api.md, "Audit log: who sees what").
    const audit = ZAuditListResponse.parse(
      (await api("GET", "/api/v1/audit", { token: admin, query: { actor: "erin", limit: "50" } })).json,
    );
    expect(audit.events.map((e) => e.action).reverse()).toEqual([
      "session.sign-in",
      "branch.create",
      "gateway.create",
      "host.create",
      "host.update",
      "guest.update",
      "branch.update",
      "host.delete",
      "gateway.delete",
      "branch.delete",
    ]);
    const page = ZAuditListResponse.parse(
      (
        await api("GET", "/api/v1/audit", {
          token: viewer,
          query: { entityType: "branch", entityId: "BR-0042", limit: "2" },
        })
      ).json,
    );
    expect(page.events.map((e) => e.action)).toEqual(["branch.delete", "branch.update"]);
    expect(page.nextCursor).toBe(page.events[1]!.id);
  });

  it("unknown ids and codes are 404, a bad query parameter is 422", async () => {
    for (const id of ["0", "abc", "99999999999", "1.5"]) {
      expect((await api("GET", "/api/v1/hosts/{id}", { token: viewer, params: { id } })).status, id).toBe(404);
    }
    expect(
      (await api("GET", "/api/v1/branches/{code}/hosts", { token: viewer, params: { code: "BR-9999" } })).status,
    ).toBe(404);
    const bad = await api("GET", "/api/v1/branches", { token: viewer, query: { sort: "password" } });
    expect(bad).toMatchObject({ status: 422, json: { error: { fields: { sort: [expect.any(String)] } } } });
  });

  it("users: admins create and list them, never with a password hash", async () => {
    const created = await api("POST", "/api/v1/users", {
      token: admin,
      body: { username: "frank", role: "operator", password: "a long password for an operator" },
    });
    expect(created).toMatchObject({
      status: 201,
      json: { user: { username: "frank", role: "operator", disabled: false } },
    });
    const patched = await api("PATCH", "/api/v1/users/{id}", {
      token: admin,
      params: { id: String(created.json!.user.id) },
      body: { role: "viewer" },
    });
    expect(patched.json!.user.role).toBe("viewer");
    const list = await api("GET", "/api/v1/users", { token: admin });
    expect(list.json!.users.map((u: { username: string }) => u.username)).toContain("frank");
    expect(JSON.stringify(list.json)).not.toMatch(/passwordHash|scrypt/);
  });

  it("serves the OpenAPI document to a signed-in user", async () => {
    const doc = await api("GET", "/api/v1/openapi.json", { token: viewer });
    expect(doc.json).toMatchObject({
      openapi: "3.1.0",
      paths: { "/api/v1/branches/{code}/hosts": { post: { requestBody: expect.anything() } } },
    });
  });
});

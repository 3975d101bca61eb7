import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { ROLES, type Role } from "@/lib/domain/role";
import { ZCreateBranchInput } from "@/lib/domain/inventory/branch-input";
import { ZCreateUserInput } from "@/lib/domain/users/user-input";
import { signIn } from "@/lib/server/auth/sign-in";
import { createBranch } from "@/lib/server/inventory/create-branch";
import { createUser } from "@/lib/server/users/create-user";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { branchInput, makeUser } from "@/prisma/seed/factories";
import { loadRouteFiles, router } from "../_testing/route-kit";

vi.mock("server-only", () => ({}));

const password = "audit route password";
const CLIENT = "203.0.113.201";

describeEachDb("GET /api/v1/audit: who may see which events", (provider) => {
  let t: TestDb;
  let api: ReturnType<typeof router>;
  const tokens: Partial<Record<Role, string>> = {};
  const names: Partial<Record<Role, string>> = {};
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    api = router(await loadRouteFiles());
    for (const role of ROLES) {
      names[role] = (await makeUser(role, { password }, t.db)).username;
      tokens[role] = (await signIn({ username: names[role]!, password }, CLIENT)).token;
    }
    const admin = { userId: null, username: names.admin!, role: "admin" as const };
    const sam = { username: "secret-sam", role: "operator", password: "sam's long password" };
    await createUser(admin, ZCreateUserInput.parse(sam));
    await createBranch(admin, ZCreateBranchInput.parse(branchInput({ code: "BR-0042" })));
  });
  afterAll(async () => t.drop());

  const list = async (role: Role, query: Record<string, string> = {}) => {
    const res = await api("GET", "/api/v1/audit", { token: tokens[role], query });
    expect(res.status).toBe(200);
    return res.json!.events as Array<{ action: string; entityType: string; summary: string }>;
  };

  it("an admin sees everything: fleet changes, user changes and sign-ins with their client address", async () => {
    const events = await list("admin");
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["branch.create", "user.create", "session.sign-in"]));
    expect(JSON.stringify(events)).toContain(CLIENT);
    expect(JSON.stringify(events)).toContain("secret-sam");
  });

  it.each(["viewer", "operator"] as const)(
    "role %s sees fleet changes only: no account events, names, addresses",
    async (role) => {
      const events = await list(role);
      expect(events.map((e) => e.action)).toContain("branch.create");
      expect(events.filter((e) => e.entityType === "user" || /^(user|session)\./.test(e.action))).toEqual([]);
      const text = JSON.stringify(events);
      expect(text).not.toContain(CLIENT);
      expect(text).not.toContain("secret-sam");
      expect(text).not.toContain(names.viewer);
    },
  );

  it(
    "every answer carries its own X-Request-Id, " + "and ?requestId= lists exactly the events that request wrote",
    async () => {
      const created = await api("POST", "/api/v1/branches", { token: tokens.admin, body: branchInput() });
      expect(created.status).toBe(201);
      const id = created.headers.get("x-request-id")!;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/);
      const refused = await api("POST", "/api/v1/branches", { token: tokens.admin, body: {} });
      expect(refused.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(refused.headers.get("x-request-id")).not.toBe(id);
      const events = await list("viewer", { requestId: id });
      expect(events.map((e) => [e.action, (e as { requestId?: string }).requestId])).toEqual([["branch.create", id]]);
    },
  );

  it.each(["viewer", "operator"] as const)("role %s, asking for account events by filter, gets none", async (role) => {
    expect(await list(role, { entityType: "user" })).toEqual([]);
    expect(await list(role, { action: "session." })).toEqual([]);
    expect(await list(role, { action: "user.create" })).toEqual([]);
    expect((await list("admin", { action: "session." })).length).toBeGreaterThanOrEqual(3);
  });
});

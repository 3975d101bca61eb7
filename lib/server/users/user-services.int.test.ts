import { afterAll, beforeAll, expect, it } from "vitest";
import { ZCreateUserInput, ZUpdateUserInput } from "@/lib/domain/users/user-input";
import type { Actor } from "@/lib/server/auth/actor";
import { readSession } from "@/lib/server/auth/read-session";
import { signIn } from "@/lib/server/auth/sign-in";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { auditEventsSince, lastAuditId, rowCounts } from "@/prisma/seed/row-counts";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { updateUser } from "./update-user";

const root: Actor = { userId: null, username: "root-admin", role: "admin" };

describeEachDb("user services and the audit log", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  it("creates a user that can sign in; no password hash ever leaves the service or the audit log", async () => {
    const since = await lastAuditId(t.db);
    const user = await createUser(
      root,
      ZCreateUserInput.parse({ username: "dana", role: "operator", password: "long enough pw" }),
    );
    expect(user).toEqual({
      id: expect.any(Number),
      username: "dana",
      role: "operator",
      disabled: false,
      source: "local",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    await expect(signIn({ username: "dana", password: "long enough pw" }, "192.0.2.1")).resolves.toMatchObject({
      user: { role: "operator" },
    });
    const events = await auditEventsSince(t.db, since);
    expect(events[0]).toMatchObject({ actor: "root-admin", action: "user.create", after: { username: "dana" } });
    expect(JSON.stringify(events) + JSON.stringify(await listUsers())).not.toMatch(/scrypt|passwordHash/);
  });

  it("a taken username is a field error and writes nothing", async () => {
    const before = await rowCounts(t.db);
    const error = await createUser(
      root,
      ZCreateUserInput.parse({ username: "dana", role: "viewer", password: "long enough pw" }),
    ).catch((e) => e);
    expect(error).toMatchObject({ code: "validation", fields: { username: ["dana is taken"] } });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("disabling a user or resetting their password ends their sessions; each change is audited once", async () => {
    const user = await makeUser("viewer", { password: "first password" }, t.db);
    const session = await signIn({ username: user.username, password: "first password" }, "192.0.2.2");
    const since = await lastAuditId(t.db);
    await updateUser(root, user.id, ZUpdateUserInput.parse({ password: "second password" }));
    expect(await readSession(session.token)).toBeNull();
    const again = await signIn({ username: user.username, password: "second password" }, "192.0.2.2");
    const disabled = await updateUser(root, user.id, ZUpdateUserInput.parse({ disabled: true, role: "operator" }));
    expect(disabled).toMatchObject({ disabled: true, role: "operator" });
    expect(await readSession(again.token)).toBeNull();
    // The sign-in in between writes its own session.sign-in event.
    const events = (await auditEventsSince(t.db, since)).filter((e) => e.action === "user.update");
    expect(events.map((e) => e.summary)).toEqual([
      `changed user ${user.username}: password reset`,
      `changed user ${user.username}: role viewer -> operator, disabled`,
    ]);
    expect(events[1]).toMatchObject({ before: { disabled: false }, after: { disabled: true } });
  });

  it("a password reset that contains the username is a field error on password and changes nothing", async () => {
    const user = await makeUser("viewer", { username: "mmartin", password: "first password" }, t.db);
    const before = await rowCounts(t.db);
    const error = await updateUser(root, user.id, ZUpdateUserInput.parse({ password: "mmartin-2025" })).catch((e) => e);
    expect(error).toMatchObject({ code: "validation", fields: { password: ["must not contain the username"] } });
    expect(error.message).toContain("mmartin");
    expect(await rowCounts(t.db)).toEqual(before);
    await expect(signIn({ username: "mmartin", password: "first password" }, "192.0.2.3")).resolves.toBeTruthy();
  });

  it("the last enabled admin cannot be demoted or disabled", async () => {
    const only = await makeUser("admin", {}, t.db);
    await expect(updateUser(root, only.id, ZUpdateUserInput.parse({ role: "viewer" }))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("last enabled admin"),
    });
    await expect(updateUser(root, only.id, ZUpdateUserInput.parse({ disabled: true }))).rejects.toMatchObject({
      code: "conflict",
    });
    const second = await makeUser("admin", {}, t.db);
    await expect(updateUser(root, only.id, ZUpdateUserInput.parse({ role: "viewer" }))).resolves.toMatchObject({
      role: "viewer",
    });
    await expect(updateUser(root, second.id, ZUpdateUserInput.parse({ disabled: true }))).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(updateUser(root, 999_999, ZUpdateUserInput.parse({ disabled: true }))).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("lists audit events newest first, filtered, one page at a time", async () => {
    const all = await listAuditEvents(root, { limit: 200 });
    expect(all.events.length).toBeGreaterThan(4);
    expect(all.events.map((e) => e.id)).toEqual([...all.events.map((e) => e.id)].sort((a, b) => b - a));
    const pages: number[] = [];
    let cursor: number | undefined;
    do {
      const page = await listAuditEvents(root, { limit: 2, cursor, action: "user." });
      pages.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual(all.events.filter((e) => e.action.startsWith("user.")).map((e) => e.id));
    const dana = all.events.find((e) => e.action === "user.create")!;
    expect(
      (
        await listAuditEvents(root, {
          limit: 50,
          entityType: "user",
          entityId: dana.entityId!,
          actor: "root-admin",
          action: "user.create",
        })
      ).events,
    ).toEqual([dana]);
  });
});

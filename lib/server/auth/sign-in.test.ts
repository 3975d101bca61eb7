import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { bootstrapAdmin } from "./bootstrap-admin";
import { readSession } from "./read-session";
import { signIn } from "./sign-in";
import { signOut } from "./sign-out";

describeEachDb("sign-in", (provider) => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb(provider); installTestDb(t); });
  afterAll(async () => t.drop());

  it("first start creates exactly one admin, with the configured password", async () => {
    expect(await bootstrapAdmin("correct horse")).toEqual({ username: "admin", generatedPassword: null });
    expect(await bootstrapAdmin("other")).toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "user.create" } })).toBe(1);
  });

  it("a right password opens a session that reads back as the user; sign-out ends it", async () => {
    const s = await signIn({ username: "admin", password: "correct horse" }, "198.51.100.9");
    expect(await readSession(s.token)).toMatchObject({ username: "admin", role: "admin" });
    await signOut(s.token);
    expect(await readSession(s.token)).toBeNull();
  });

  it("an expired session reads as nobody", async () => {
    const s = await signIn({ username: "admin", password: "correct horse" }, "198.51.100.9");
    expect(await readSession(s.token, new Date(s.expiresAt.getTime() + 1))).toBeNull();
  });

  it("a wrong password is refused, and five failures lock the username for 15 minutes", async () => {
    for (let i = 0; i < 5; i++) {
      await expect(signIn({ username: "admin", password: "nope" }, "198.51.100.10")).rejects.toMatchObject({ code: "unauthenticated" });
    }
    await expect(signIn({ username: "admin", password: "correct horse" }, "198.51.100.11")).rejects.toMatchObject({ code: "rate_limited" });
    const later = new Date(Date.now() + 16 * 60 * 1000);
    await expect(signIn({ username: "admin", password: "correct horse" }, "198.51.100.11", later)).resolves.toMatchObject({ user: { username: "admin" } });
  });

  it("the audit log refuses updates and deletes (append-only at the database)", async () => {
    await expect(t.db.auditEvent.deleteMany({})).rejects.toThrow();
    await expect(t.db.auditEvent.updateMany({ data: { actor: "mallory" } })).rejects.toThrow();
  });
});

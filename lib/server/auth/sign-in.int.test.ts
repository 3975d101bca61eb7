import { afterAll, beforeAll, expect, it } from "vitest";
import { ZUpdateUserInput } from "@/lib/domain/users/user-input";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { updateUser } from "@/lib/server/users/update-user";
import { makeUser } from "@/prisma/seed/factories";
import { auditEventsSince, lastAuditId } from "@/prisma/seed/row-counts";
import { bootstrapAdmin } from "./bootstrap-admin";
import { readSession } from "./read-session";
import { signIn } from "./sign-in";
import { signOut } from "./sign-out";

const RIGHT = "correct horse battery";
const T0 = new Date("2026-11-20T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? String(e),
  );
const messageOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: Error) => e.message,
  );

describeEachDb("sign-in", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
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

  /** One sign-in at T0 + `s` seconds: "ok", or the AppError's code (`message` for its message). */
  const attempt = (username: string, password: string, client: string, s = 0) =>
    codeOf(signIn({ username, password }, client, at(s)));
  const message = (username: string, password: string, client: string, s = 0) =>
    messageOf(signIn({ username, password }, client, at(s)));

  /** Failures as if they had happened, without spending a password hash on each. */
  const seedFailures = (key: string, failures: number, lastS: number, nextS: number) =>
    t.db.loginThrottle.upsert({
      where: { key },
      create: { key, failures, lastAt: at(lastS), nextAt: at(nextS) },
      update: { failures, lastAt: at(lastS), nextAt: at(nextS) },
    });

  const tally = (codes: string[]) =>
    codes.reduce<Record<string, number>>((n, c) => ({ ...n, [c]: (n[c] ?? 0) + 1 }), {});

  it("a parallel burst of 30 wrong passwords for one user checks exactly 5 of them; the rest wait", async () => {
    const { username } = await makeUser("viewer", { password: RIGHT }, t.db);
    const burst = Array.from({ length: 30 }, (_, i) => attempt(username, `wrong guess ${i}`, "198.51.100.20"));
    expect(tally(await Promise.all(burst))).toEqual({ unauthenticated: 5, rate_limited: 25 });
  });

  it("a parallel burst of 30 sign-ins from one address, one username each, checks exactly 20 passwords", async () => {
    const burst = Array.from({ length: 30 }, (_, i) => attempt(`sprayed-${i}`, "Winter2026!", "198.51.100.21"));
    expect(tally(await Promise.all(burst))).toEqual({ unauthenticated: 20, rate_limited: 10 });
  });

  it("after 5 failures each attempt waits twice as long (2 s, 4 s, ...), and the message says how long", async () => {
    const { username } = await makeUser("viewer", { password: RIGHT }, t.db);
    const wrong = (s: number) => attempt(username, "not it at all", "198.51.100.30", s);
    const wait = (s: number) => message(username, "not it at all", "198.51.100.30", s);
    for (let i = 0; i < 5; i++) expect(await wrong(0)).toBe("unauthenticated");
    expect(await message(username, RIGHT, "198.51.100.31", 1)).toBe(
      `too many failed sign-ins for ${username}: ` +
        "wait 1 s before trying again, or ask an admin to reset the password (that clears the wait)",
    );
    expect(await wrong(2)).toBe("unauthenticated");
    expect(await wait(3)).toContain("wait 3 s");
    expect(await wrong(6)).toBe("unauthenticated");
    // A refused attempt checks nothing and does not make the wait longer.
    for (let i = 0; i < 5; i++) expect(await wait(7)).toContain("wait 7 s");
    let s = 6;
    for (const delay of [8, 16, 32, 64, 128, 256, 512, 900, 900]) {
      expect(await wait(s)).toContain(delay < 60 ? `wait ${delay} s ` : `wait ${Math.floor(delay / 60)} min`);
      s += delay;
      expect(await wrong(s)).toBe("unauthenticated");
    }
    // The right password, once the wait is over, signs in and starts the count afresh.
    expect(await attempt(username, RIGHT, "198.51.100.30", s + 900)).toBe("ok");
    expect(await wrong(s + 901)).toBe("unauthenticated");
  });

  it("an anonymous client cannot lock an account for long, and an admin's password reset clears the wait", async () => {
    const user = await makeUser("operator", { password: RIGHT }, t.db);
    for (let i = 0; i < 5; i++) await attempt(user.username, "guess guess", "203.0.113.40");
    expect(await attempt(user.username, RIGHT, "198.51.100.41", 1)).toBe("rate_limited");
    // No hard 15-minute lock: two seconds after the fifth failure the user may try again.
    expect(await attempt(user.username, RIGHT, "198.51.100.41", 2)).toBe("ok");
    for (let i = 0; i < 6; i++) await attempt(user.username, "guess guess", "203.0.113.40", 10);
    expect(await attempt(user.username, RIGHT, "198.51.100.41", 11)).toBe("rate_limited");
    const root = { userId: null, username: "root-admin", role: "admin" as const };
    await updateUser(root, user.id, ZUpdateUserInput.parse({ password: "a new long password" }));
    expect(await attempt(user.username, "a new long password", "198.51.100.41", 11)).toBe("ok");
  });

  it("an address is limited across usernames: 20 failures, then it waits; a success does not reset it", async () => {
    const { username } = await makeUser("viewer", { password: RIGHT }, t.db);
    await seedFailures("ip:203.0.113.50", 19, 0, 0);
    expect(await attempt(username, RIGHT, "203.0.113.50")).toBe("ok");
    expect(await attempt("nobody-19", "whatever it is", "203.0.113.50")).toBe("unauthenticated");
    expect(await message(username, RIGHT, "203.0.113.50", 1)).toBe(
      "too many failed sign-ins from your address (203.0.113.50): wait 1 s before trying again",
    );
    expect(await attempt(username, RIGHT, "203.0.113.51", 1)).toBe("ok");
  });

  it("the count of failures restarts after a quiet day", async () => {
    const { username } = await makeUser("viewer", { password: RIGHT }, t.db);
    await seedFailures(`user:${username}`, 14, 0, 900);
    expect(await attempt(username, RIGHT, "203.0.113.61", 60)).toBe("rate_limited");
    expect(await attempt(username, "guess guess", "203.0.113.60", 1000)).toBe("unauthenticated");
    expect(await message(username, RIGHT, "203.0.113.61", 1001)).toContain("wait 14 min 59 s");
    const dayLater = 1000 + 86_400;
    expect(await attempt(username, "guess guess", "203.0.113.60", dayLater)).toBe("unauthenticated");
    expect(await attempt(username, RIGHT, "203.0.113.61", dayLater)).toBe("ok");
  });

  it("failed and refused sign-ins are audited with the client address, never the password", async () => {
    const user = await makeUser("viewer", { password: RIGHT }, t.db);
    const since = await lastAuditId(t.db);
    expect(await attempt(user.username, "hunter2-secret", "203.0.113.70")).toBe("unauthenticated");
    expect(await attempt("Tr0ub4dor&3", "hunter2-secret", "203.0.113.70")).toBe("unauthenticated");
    // Ten failures, the last at 62 s: the next attempt waits 64 s.
    await seedFailures(`user:${user.username}`, 10, 62, 126);
    for (const s of [63, 63, 63, 63, 124]) {
      expect(await attempt(user.username, "hunter2-secret", "203.0.113.71", s)).toBe("rate_limited");
    }
    const events = await auditEventsSince(t.db, since);
    const text = JSON.stringify(events);
    expect(text).not.toContain("hunter2");
    // A username nobody has may be a password typed into the wrong field: not recorded.
    expect(text).not.toContain("Tr0ub4dor");
    const failed = events.filter((e) => e.action === "session.sign-in-failed");
    expect(failed.map((e) => e.summary)).toEqual([
      `failed sign-in as ${user.username} from 203.0.113.70: wrong password`,
      "failed sign-in as an unknown username from 203.0.113.70",
    ]);
    expect(failed[0]).toMatchObject({ actor: "anonymous", entityType: "user", entityId: String(user.id) });
    expect(failed[0]!.after).toEqual({ username: user.username, client: "203.0.113.70", reason: "wrong password" });
    // Refusals: one event a minute per user or address, counting the ones in between.
    const refused = events.filter((e) => e.action === "session.rate-limited");
    const prefix = `sign-in as ${user.username} from 203.0.113.71 refused without checking the password`;
    expect(refused.map((e) => e.summary)).toEqual([
      `${prefix}: 10 failures in a row, wait 1 min 3 s`,
      `${prefix}: 10 failures in a row, wait 2 s (3 more refused since the previous entry)`,
    ]);
  });

  it("a right password on a disabled account is refused like a wrong one, and audited as what it was", async () => {
    const user = await makeUser("viewer", { password: RIGHT, disabled: true }, t.db);
    const since = await lastAuditId(t.db);
    expect(await message(user.username, RIGHT, "203.0.113.80")).toBe("wrong username or password");
    const [event] = await auditEventsSince(t.db, since);
    expect(event!.summary).toBe(`failed sign-in as ${user.username} from 203.0.113.80: the account is disabled`);
  });

  it("the audit log refuses updates and deletes (append-only at the database)", async () => {
    await expect(t.db.auditEvent.deleteMany({})).rejects.toThrow();
    await expect(t.db.auditEvent.updateMany({ data: { actor: "mallory" } })).rejects.toThrow();
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DirectorySettings } from "@/lib/domain/directory/directory-settings";
import { SYSTEM_ACTOR } from "@/lib/server/auth/actor";
import { readSession } from "@/lib/server/auth/read-session";
import { signIn, ZSignInInput } from "@/lib/server/auth/sign-in";
import { freePort } from "@/lib/testing/sshd";
import {
  GROUPS,
  group,
  makeTestCa,
  PEOPLE,
  person,
  SERVICE_DN,
  SERVICE_PASSWORD,
  startSlapd,
  type LdapEntry,
  type Slapd,
} from "@/lib/testing/slapd";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { auditEventsSince, lastAuditId } from "@/prisma/seed/row-counts";
import { lookUpInDirectory } from "./authenticate-in-directory";
import { resetDirectoryAuditClock } from "./audit-directory-problem";
import { readDirectoryConfig } from "./read-directory-settings";
import { writeDirectorySettings } from "./write-directory-settings";

const uid = (u: string) => `uid=${u},${PEOPLE}`;
const cn = (g: string) => `cn=${g},${GROUPS}`;
const PW = (u: string) => `${u} directory pw`;
const USERS = ["alice", "ada", "bob", "victor", "nobody", "admin", "carol"];
// alice: operator (noc); ada: admin and operator (highest wins); bob: moves between groups;
// victor: viewer through a groupOfUniqueNames only; nobody: an unmapped group only; admin:
// a directory entry shadowed by the local admin; carol: removed from the directory.
const ENTRIES: LdapEntry[] = [
  ...USERS.map((u) => person(u, PW(u))),
  group("noc", "member", [uid("alice"), uid("ada"), uid("bob"), uid("carol")]),
  group("netadmins", "member", [uid("ada"), uid("admin")]),
  group("cafeteria", "member", [uid("nobody")]),
  group("auditors", "uniqueMember", [uid("victor")]),
];
const ROLE_MAP: DirectorySettings["roleMap"] = [
  { groupDn: cn("noc"), role: "operator" },
  { groupDn: cn("netadmins"), role: "admin" },
  { groupDn: cn("auditors"), role: "viewer" },
];

let ldap: Slapd;
let replica: Slapd;
let tlsLdap: Slapd;
let ca: Awaited<ReturnType<typeof makeTestCa>>;
let caDir: string;
// A port that accepts TCP and never answers: the hung replica of an outage.
let silent: net.Server;
let silentUrl: string;
const silentSockets: net.Socket[] = [];

beforeAll(async () => {
  caDir = mkdtempSync(path.join(tmpdir(), "branchdesk-ldap-ca-"));
  ca = await makeTestCa(caDir);
  [ldap, replica, tlsLdap] = await Promise.all([
    startSlapd({ entries: ENTRIES }),
    startSlapd({ entries: ENTRIES }),
    startSlapd({ entries: ENTRIES, tls: ca }),
  ]);
  silent = net.createServer((s) => void silentSockets.push(s));
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
  silentUrl = `ldap://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  for (const s of silentSockets) s.destroy();
  await new Promise((r) => silent?.close(r));
  await Promise.all([ldap?.stop(), replica?.stop(), tlsLdap?.stop()]);
  rmSync(caDir, { recursive: true, force: true });
});

function settings(over: Partial<DirectorySettings> = {}): DirectorySettings & { bindPassword: string } {
  return {
    enabled: true,
    urls: [ldap.url],
    tls: "none",
    caPem: "",
    bindDn: SERVICE_DN,
    bindPassword: SERVICE_PASSWORD,
    userBase: PEOPLE,
    userFilter: "(objectClass=inetOrgPerson)",
    usernameAttribute: "uid",
    groupMode: "memberOf",
    groupBase: GROUPS,
    roleMap: ROLE_MAP,
    timeoutMs: 1000,
    recheckSeconds: 10,
    ...over,
  };
}
const configure = (over: Partial<DirectorySettings> = {}) => writeDirectorySettings(SYSTEM_ACTOR, settings(over));

let clients = 0;
/** Each attempt from its own address, so one case's failures never throttle another's. */
const from = () => `198.51.100.${++clients % 250}`;
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
  );

describeEachDb("directory sign-in against a real slapd", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    await makeUser("admin", { username: "admin", password: "local admin password" });
    resetDirectoryAuditClock();
  });
  afterAll(async () => t.drop());

  it("signs in with the role from memberOf groups, records a directory user without a password", async () => {
    await configure();
    const since = await lastAuditId(t.db);
    const s = await signIn({ username: "alice", password: PW("alice") }, from());
    expect(s.user).toMatchObject({ username: "alice", role: "operator" });
    const row = await t.db.user.findUniqueOrThrow({ where: { username: "alice" } });
    expect(row).toMatchObject({ source: "directory", passwordHash: "", directoryDn: uid("alice"), role: "operator" });
    expect(await readSession(s.token)).toMatchObject({ username: "alice", role: "operator" });
    const actions = (await auditEventsSince(t.db, since)).map((e) => e.action);
    expect(actions).toEqual(["user.create", "session.sign-in"]);
    // In an admin group and an operator group: the highest wins.
    expect((await signIn({ username: "ada", password: PW("ada") }, from())).user.role).toBe("admin");
  });

  it("refuses a wrong password, audited, and counts it against the sign-in limits", async () => {
    await configure();
    const since = await lastAuditId(t.db);
    const client = from();
    expect(await outcome(signIn({ username: "alice", password: "guess" }, client))).toBe(
      "unauthenticated: wrong username or password",
    );
    const events = await auditEventsSince(t.db, since);
    expect(events.map((e) => e.action)).toEqual(["session.sign-in-failed"]);
    expect(events[0]!.summary).not.toContain("guess");
    // The same limits as local accounts: after 5 failures even the right password waits.
    for (let i = 0; i < 4; i++) await outcome(signIn({ username: "alice", password: `guess${i}` }, client));
    expect(await outcome(signIn({ username: "alice", password: PW("alice") }, client))).toMatch(
      /^rate_limited: too many failed sign-ins for alice/,
    );
    await t.db.loginThrottle.deleteMany({});
  });

  it("refuses a user in no mapped group with a message that says what to do", async () => {
    await configure();
    expect(await outcome(signIn({ username: "nobody", password: PW("nobody") }, from()))).toMatch(
      /^forbidden: the directory knows nobody, but none of your groups is mapped to a Branchdesk role/,
    );
    expect(await t.db.user.findUnique({ where: { username: "nobody" } })).toBeNull();
  });

  it("takes group changes at the next sign-in", async () => {
    await configure();
    expect((await signIn({ username: "bob", password: PW("bob") }, from())).user.role).toBe("operator");
    try {
      await ldap.setMembers(cn("netadmins"), "member", [uid("ada"), uid("admin"), uid("bob")]);
      await ldap.setMembers(cn("noc"), "member", [uid("alice"), uid("ada"), uid("carol")]);
      expect((await signIn({ username: "bob", password: PW("bob") }, from())).user.role).toBe("admin");
      await ldap.setMembers(cn("netadmins"), "member", [uid("ada"), uid("admin")]);
      expect(await outcome(signIn({ username: "bob", password: PW("bob") }, from()))).toMatch(/^forbidden:/);
    } finally {
      await ldap.setMembers(cn("noc"), "member", [uid("alice"), uid("ada"), uid("bob"), uid("carol")]);
      await ldap.setMembers(cn("netadmins"), "member", [uid("ada"), uid("admin")]);
    }
  });

  it("reads groups from group objects too: member (groupOfNames) and uniqueMember (groupOfUniqueNames)", async () => {
    await configure({ groupMode: "member" });
    expect((await signIn({ username: "alice", password: PW("alice") }, from())).user.role).toBe("operator");
    await configure({ groupMode: "uniqueMember" });
    expect((await signIn({ username: "victor", password: PW("victor") }, from())).user.role).toBe("viewer");
    // memberOf is kept for groupOfNames only (as 389 DS's plug-in is usually set up): victor has no mapped group.
    await configure({ groupMode: "memberOf" });
    expect(await outcome(signIn({ username: "victor", password: PW("victor") }, from()))).toMatch(/^forbidden:/);
  });

  it.each(["*)(uid=*", "admin)(|(uid=*", "*", "alice)(uid=*", "ali*", "alice\u0000", "\u0000", "alice\u0000)(uid=*"])(
    "filter injection %j is refused and never matches another entry",
    async (username) => {
      await configure();
      const before = await t.db.user.count();
      // Even with a real user's password, the name is only ever a literal value.
      for (const password of [PW("alice"), PW("admin")]) {
        const input = ZSignInInput.safeParse({ username, password });
        if (!input.success) {
          // NUL: refused at the boundary, before the throttle, the database or the directory.
          expect(username).toContain("\u0000");
          expect(input.error.issues[0]!.message).toMatch(/control characters/);
          continue;
        }
        expect(await outcome(signIn(input.data, from()))).toMatch(/^unauthenticated: wrong username or password/);
      }
      expect(await t.db.user.count()).toBe(before);
      // Below the up-front NUL check: the escaped filter alone matches nobody.
      expect(await lookUpInDirectory((await readDirectoryConfig())!, username)).toBeNull();
      await t.db.loginThrottle.deleteMany({});
    },
  );

  it("a local account signs in locally (break-glass), even when the directory has the same name", async () => {
    await configure();
    const s = await signIn({ username: "admin", password: "local admin password" }, from());
    expect(s.user.role).toBe("admin");
    expect(await outcome(signIn({ username: "admin", password: PW("admin") }, from()))).toBe(
      "unauthenticated: wrong username or password",
    );
    expect((await t.db.user.findUniqueOrThrow({ where: { username: "admin" } })).source).toBe("local");
  });

  // The bound is vitest's own timeout: without connect and operation timeouts the silent replica hangs forever.
  it("a directory that is down: the local admin signs in, a directory user gets 'directory unreachable'", async () => {
    const refusedUrl = `ldap://127.0.0.1:${await freePort()}`;
    await configure({ urls: [refusedUrl, silentUrl], timeoutMs: 700 });
    resetDirectoryAuditClock();
    const since = await lastAuditId(t.db);
    expect((await signIn({ username: "admin", password: "local admin password" }, from())).user.role).toBe("admin");
    const answer = await outcome(signIn({ username: "alice", password: PW("alice") }, from()));
    expect(answer).toMatch(/^unavailable: directory unreachable: /);
    expect(answer).toContain(`${refusedUrl} (connection refused)`);
    expect(answer).toContain(`${silentUrl} (no answer within 700 ms)`);
    expect(answer).toContain("Local accounts can still sign in");
    const outage = (await auditEventsSince(t.db, since)).filter((e) => e.action === "directory.unreachable");
    expect(outage).toHaveLength(1);
    expect(outage[0]!.summary).toContain(refusedUrl);
  }, 15_000);

  it("fails over to a second slapd when the first goes down", async () => {
    const first = await startSlapd({ entries: ENTRIES });
    try {
      await configure({ urls: [first.url, replica.url] });
      expect((await signIn({ username: "alice", password: PW("alice") }, from())).user.role).toBe("operator");
    } finally {
      await first.stop();
    }
    expect((await signIn({ username: "alice", password: PW("alice") }, from())).user.role).toBe("operator");
  }, 20_000);

  it("StartTLS with the pinned CA works; a different CA is refused", async () => {
    await configure({ urls: [tlsLdap.url], tls: "starttls", caPem: ca.caPem });
    expect((await signIn({ username: "alice", password: PW("alice") }, from())).user.role).toBe("operator");
    await configure({ urls: [tlsLdap.url], tls: "starttls", caPem: ca.otherCaPem });
    const answer = await outcome(signIn({ username: "alice", password: PW("alice") }, from()));
    expect(answer).toMatch(/^unavailable: directory unreachable: .*TLS: .*check caPem/);
    await t.db.loginThrottle.deleteMany({});
  });

  it("re-checks sessions after recheckSeconds: role changes apply, removal ends the session", async () => {
    await configure({ recheckSeconds: 10 });
    const t0 = Date.now();
    const at = (s: number) => new Date(t0 + s * 1000);
    const bob = await signIn({ username: "bob", password: PW("bob") }, from(), at(0));
    const carol = await signIn({ username: "carol", password: PW("carol") }, from(), at(0));
    try {
      await ldap.setMembers(cn("netadmins"), "member", [uid("ada"), uid("admin"), uid("bob")]);
      await ldap.setMembers(cn("noc"), "member", [uid("alice"), uid("ada")]);
      // Within the interval the stored role stands (the directory is not asked on every request).
      expect(await readSession(bob.token, at(5))).toMatchObject({ role: "operator" });
      expect(await readSession(carol.token, at(5))).toMatchObject({ role: "operator" });
      const since = await lastAuditId(t.db);
      expect(await readSession(bob.token, at(11))).toMatchObject({ username: "bob", role: "admin" });
      expect(await readSession(carol.token, at(11))).toBeNull();
      expect(await t.db.session.count({ where: { user: { username: "carol" } } })).toBe(0);
      const actions = (await auditEventsSince(t.db, since)).map((e) => e.action);
      expect(actions).toEqual(["user.update", "session.directory-ended"]);
      // Gone from the directory altogether: the same at the next re-check.
      const root = await ldap.admin();
      await root.del(uid("bob"));
      await root.unbind();
      expect(await readSession(bob.token, at(30))).toBeNull();
      expect(await outcome(signIn({ username: "bob", password: PW("bob") }, from()))).toMatch(/^unauthenticated/);
    } finally {
      const admin = await ldap.admin();
      await admin.add(uid("bob"), person("bob", PW("bob")).attributes).catch(() => undefined);
      await admin.unbind();
      await ldap.setMembers(cn("noc"), "member", [uid("alice"), uid("ada"), uid("bob"), uid("carol")]);
      await ldap.setMembers(cn("netadmins"), "member", [uid("ada"), uid("admin")]);
    }
  });

  it("settings: an enabled configuration names every missing field; the bind password is never answered", async () => {
    const err = await writeDirectorySettings(SYSTEM_ACTOR, {
      ...settings({ urls: [], bindDn: "", roleMap: [], tls: "starttls" }),
      bindPassword: undefined,
    }).catch((e: { code: string; fields: Record<string, string[]> }) => e);
    expect((err as { code: string }).code).toBe("validation");
    expect(Object.keys((err as { fields: Record<string, string[]> }).fields).sort()).toEqual(
      ["bindDn", "caPem", "roleMap", "urls"].sort(),
    );
    const saved = await configure();
    expect(saved.bindPasswordSet).toBe(true);
    expect(JSON.stringify(saved)).not.toContain(SERVICE_PASSWORD);
    const audit = await t.db.auditEvent.findMany({ where: { action: "directory-settings.update" } });
    expect(audit.length).toBeGreaterThan(0);
    for (const e of audit) expect(`${e.before}${e.after}${e.summary}`).not.toContain(SERVICE_PASSWORD);
  });
});

/**
 * Every response has a schema (the route's contract), and this holds real
 * answers to it: on a seeded fleet, every operation under app/api/v1 is
 * driven to a success, whose status must be the declared one and whose body
 * (as it went over the wire) must parse with the declared response schema
 * without losing a field. apiHandler checks the same on the way out; this is
 * the proof that every operation can answer at all, nullable and optional
 * branches included (a guestless host, an unpinned gateway, a planned target).
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { generateEd25519 } from "@/lib/ssh/generate-ed25519";
import { useTempDataDir } from "@/lib/testing/use-temp-data-dir";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { ContractCheck, operationKeys } from "./_testing/contract-check";
import {
  FAKE_FINGERPRINT,
  FUZZ_PASSWORD,
  makeActors,
  seedFleet,
  settleRollouts,
  type Actors,
} from "./_testing/fuzz-fleet";
import { loadRouteFiles, type CallOptions, type RouteFile } from "./_testing/route-kit";
import { ruleArgs } from "@/lib/domain/rules/rule-args";
import { loadHealthTargets } from "@/lib/server/health/load-health-targets";
import { natRule, seedNatAudit } from "@/prisma/seed/nat-audits";

vi.mock("server-only", () => ({}));
// As in api-fuzz.test.ts: HTTP is under test, not SSH. Scans see one key at once, rollouts find every box unreachable.
vi.mock("@/lib/ssh/scan-host-key", async () => {
  const { FAKE_FINGERPRINT: key } = await import("./_testing/fuzz-fleet");
  return { scanHostKey: async () => ({ ok: true, value: key }) };
});
// The NAT trace's support-path probe (issue 13): the guest answers with another key, at once.
vi.mock("@/lib/ssh/probe-ssh-host-key", async () => ({
  probeSshHostKey: async () => ({ ok: true, value: "SHA256:not-the-pinned-key" }),
}));
vi.mock("@/lib/ssh/fleet-key", async (original) => ({
  ...(await original()),
  loadFleetKey: async () => ({ ok: true, value: {} }),
}));
vi.mock("@/lib/ssh/connect-ssh", async (original) => ({
  ...(await original()),
  connectSsh: async (target: unknown) => ({ ok: true, value: { target, close: () => undefined } }),
}));
// Discovery's sweep on the gateway: one unknown box answers (issue 11).
vi.mock("@/lib/ssh/sweep-link-local", async () => (await import("./_testing/fake-sweep")).fakeSweepModule);
// Health's Check now sweeps in the background: not over SSH here (issue 12).
vi.mock("@/lib/server/health/sweep-health", async (original) => ({
  ...(await original()),
  sweepHealth: async () => ({ sweepId: 0, boxes: 0 }),
}));
vi.mock("@/lib/server/rollouts/rollout-driver", () => ({
  rolloutDriver: async () => ({
    open: async (t: { label: string }) => ({ ok: false, error: `${t.label} is unreachable (no SSH here)` }),
    close: async () => undefined,
  }),
}));

const PLAN = {
  changed: true,
  diff: ["+ -A BRANCHDESK-PRE -j ACCEPT", "  -A BRANCHDESK-POST -j RETURN"],
  counts: { add: 1, remove: 0, inPlace: 1, foreign: 0, duplicates: 0, settings: 0 },
};
const NEW = { code: "RESP-01", name: "Responses", region: "Test", lanCidr: "198.51.100.0/24" };
const HOST = {
  hostname: "resp-h01",
  serial: "SN-RESP-1",
  nicMac: "00:16:3e:77:00:01",
  guest: { name: "WIN-RESP-1", domain: "win-resp-1", ip: "198.51.100.10" },
};
const GATEWAY = { hostname: "gw-resp", sshAddress: "203.0.113.77", lanIfname: "eth1", lanIp: "198.51.100.1" };
const id = (n: number) => ({ id: String(n) });

let routes: RouteFile[];
beforeAll(async () => {
  routes = await loadRouteFiles();
});

describeEachDb("every /api/v1 success answers what its contract declares", (provider) => {
  let t: TestDb;
  // Terminal recordings (.cast files) are written and read under the data directory.
  let dataDir: Awaited<ReturnType<typeof useTempDataDir>> | undefined;
  let actors: Actors;
  let api: ContractCheck;
  /** A request as `role`, with the rest of its options. */
  const as = (role: keyof Actors, more: CallOptions = {}): CallOptions => ({ token: actors[role].token, ...more });
  beforeAll(async () => {
    dataDir = await useTempDataDir();
    t = await createTestDb(provider);
    installTestDb(t);
    actors = await makeActors(t.db);
    await seedFleet(t.db);
    api = new ContractCheck(routes);
    // A target that was planned: its plan, timings and output are filled in.
    const target = await t.db.rolloutTarget.findFirstOrThrow({ where: { rollout: { status: "succeeded" } } });
    const ran = { startedAt: new Date(0), finishedAt: new Date(1500) };
    await t.db.rolloutTarget.update({
      where: { id: target.id },
      data: { status: "unchanged", plan: JSON.stringify(PLAN), output: "ok", ...ran },
    });
  });
  afterAll(async () => {
    await dataDir?.restore();
    if (!t) return;
    await settleRollouts(t.db);
    await t.drop();
  });

  it("reads: the fleet, a branch, its gateway and hosts (guestless too), rollouts, users, the document", async () => {
    const branch = await t.db.branch.findFirstOrThrow({
      where: { gateway: { hostKeyFingerprint: { not: null } } },
      include: { hosts: { include: { guest: true } } },
    });
    const code = { code: branch.code };
    await api.send("GET", "/api/v1/branches", as("viewer", { query: { sort: "hostCount", dir: "desc" } }));
    await api.send("GET", "/api/v1/branches/{code}", as("viewer", { params: code }));
    await api.send("GET", "/api/v1/branches/{code}/gateway", as("viewer", { params: code }));
    await api.send("GET", "/api/v1/branches/{code}/hosts", as("viewer", { params: code }));
    expect(branch.hosts.some((h) => h.guest === null)).toBe(true);
    for (const h of branch.hosts) await api.send("GET", "/api/v1/hosts/{id}", as("viewer", { params: id(h.id) }));
    // The fleet search, over hosts with and without a guest (seeded hostnames are host-nnnnn).
    const found = await api.send("GET", "/api/v1/hosts", as("viewer", { query: { q: "HOST-", pageSize: "100" } }));
    const guestless = found.json!.items.map((i: { guest: unknown }) => i.guest === null);
    expect(guestless).toEqual(expect.arrayContaining([true, false]));
    const list = await api.send("GET", "/api/v1/rollouts", as("viewer", { query: { branch: branch.code } }));
    for (const r of list.json!.rollouts) {
      await api.send("GET", "/api/v1/rollouts/{id}", as("viewer", { params: id(r.id) }));
    }
    await api.send("GET", "/api/v1/users", as("admin"));
    await api.send("GET", "/api/v1/session", as("operator"));
    await api.send("GET", "/api/v1/openapi.json", as("viewer"));
  });

  it("writes: a branch (with a warning), its gateway, a host and guest, host-key trust, users", async () => {
    // 169.254.0.1 is accepted with a warning (RFC 3927's first /24): the warnings map is not empty.
    const warned = { ...NEW, gatewayLinkLocalIp: "169.254.0.1" };
    const created = await api.send("POST", "/api/v1/branches", as("admin", { body: warned }));
    expect(Object.keys(created.json!.warnings)).toEqual(["gatewayLinkLocalIp"]);
    const code = { code: NEW.code };
    await api.send("PATCH", "/api/v1/branches/{code}", as("admin", { params: code, body: { name: "Responses 2" } }));
    await api.send("PUT", "/api/v1/branches/{code}/gateway", as("admin", { params: code, body: GATEWAY }));
    const gatewayKey = "/api/v1/branches/{code}/gateway/host-key";
    const look = await api.send("POST", gatewayKey, as("operator", { params: code, body: { scanOnly: true } }));
    expect(look.json).toEqual({ fingerprint: FAKE_FINGERPRINT, previous: null, pinned: false });
    await api.send("POST", gatewayKey, as("operator", { params: code, body: {} }));
    const discovered = await api.send("POST", "/api/v1/branches/{code}/discover", as("operator", { params: code }));
    expect(discovered.json!.found).toEqual([expect.objectContaining({ fingerprint: FAKE_FINGERPRINT })]);
    const host = await api.send("POST", "/api/v1/branches/{code}/hosts", as("admin", { params: code, body: HOST }));
    const hostId = id(host.json!.host.id);
    await api.send("PATCH", "/api/v1/hosts/{id}", as("admin", { params: hostId, body: { state: "active" } }));
    const guest = { ...HOST.guest, ip: "198.51.100.11" };
    await api.send("PUT", "/api/v1/hosts/{id}/guest", as("admin", { params: hostId, body: guest }));
    const key = { fingerprint: FAKE_FINGERPRINT };
    await api.send("POST", "/api/v1/hosts/{id}/host-key", as("operator", { params: hostId, body: key }));
    const newUser = { username: "resp-user", role: "viewer", password: "a long enough secret phrase" };
    const user = await api.send("POST", "/api/v1/users", as("admin", { body: newUser }));
    const promote = { params: id(user.json!.user.id), body: { role: "operator" } };
    await api.send("PATCH", "/api/v1/users/{id}", as("admin", promote));
    await api.send("GET", "/api/v1/audit", as("admin", { query: { limit: "200" } }));
  });

  it("rollouts: a preview starts (202) and ends, an interrupted one resumes, a running one is stopped", async () => {
    const preview = { branchCodes: [NEW.code], dryRun: true };
    const started = await api.send("POST", "/api/v1/rollouts", as("operator", { body: preview }));
    await settleRollouts(t.db);
    const startedId = id(started.json!.rollout.id);
    const rollout = await api.send("GET", "/api/v1/rollouts/{id}", as("viewer", { params: startedId }));
    expect(rollout.json!.targets.length).toBeGreaterThan(0);
    const interrupted = await t.db.rollout.findFirstOrThrow({ where: { status: "interrupted" } });
    await api.send("POST", "/api/v1/rollouts/{id}/resume", as("operator", { params: id(interrupted.id) }));
    await settleRollouts(t.db);
    const running = await t.db.rollout.findFirstOrThrow({ where: { status: "running" } });
    await api.send("POST", "/api/v1/rollouts/{id}/cancel", as("operator", { params: id(running.id) }));
  });

  it("deletes (204, no body), and a session from sign-in to sign-out", async () => {
    const hostId = id((await t.db.host.findFirstOrThrow({ where: { hostname: HOST.hostname } })).id);
    await api.send("DELETE", "/api/v1/hosts/{id}/guest", as("admin", { params: hostId }));
    await api.send("DELETE", "/api/v1/hosts/{id}", as("admin", { params: hostId }));
    await api.send("DELETE", "/api/v1/branches/{code}/gateway", as("admin", { params: { code: NEW.code } }));
    await api.send("DELETE", "/api/v1/branches/{code}", as("admin", { params: { code: NEW.code } }));
    const credentials = { username: actors.viewer.username, password: FUZZ_PASSWORD };
    const signedIn = await api.send("POST", "/api/v1/session", { body: credentials });
    const token = /branchdesk_session=([^;]+)/.exec(signedIn.headers.get("set-cookie") ?? "")?.[1];
    expect(token).toBeTruthy();
    await api.send("DELETE", "/api/v1/session", { token });
  });

  it("terminal: sessions, a recording, a .cast download, settings, ssh lines and known_hosts", async () => {
    const sessions = await api.send("GET", "/api/v1/terminal-sessions", as("viewer", { query: { limit: "2" } }));
    expect(sessions.json!.nextCursor).not.toBeNull();
    const cursor = sessions.json!.nextCursor as string;
    await api.send("GET", "/api/v1/terminal-sessions", as("viewer", { query: { cursor, open: "false" } }));
    const withFile = await t.db.terminalSession.findFirstOrThrow({ where: { recordingBytes: { gt: 0 } } });
    const sid = { id: withFile.id };
    await api.send("GET", "/api/v1/terminal-sessions/{id}", as("viewer", { params: sid }));
    await api.send("GET", "/api/v1/terminal-sessions/{id}/recording", as("viewer", { params: sid }));
    const cast = await api.send("GET", "/api/v1/terminal-sessions/{id}/cast", as("admin", { params: sid }));
    expect(cast.headers.get("content-type")).toBe("application/x-asciicast");
    expect(cast.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.cast"$/);
    expect(String(cast.json).split("\n")[0]).toContain('"version":2');
    const settings = await api.send("GET", "/api/v1/terminal-settings", as("admin"));
    const body = { ...settings.json!.settings, idleTimeoutSeconds: 600 };
    await api.send("PUT", "/api/v1/terminal-settings", as("admin", { body }));
    const branch = await t.db.branch.findFirstOrThrow({
      where: { gateway: { isNot: null }, hosts: { some: { guest: { isNot: null } } } },
      include: { hosts: { where: { guest: { isNot: null } } } },
    });
    const code = { code: branch.code };
    await api.send("GET", "/api/v1/hosts/{id}/ssh-access", as("operator", { params: id(branch.hosts[0]!.id) }));
    await api.send("GET", "/api/v1/branches/{code}/gateway/ssh-access", as("operator", { params: code }));
    await api.send("GET", "/api/v1/branches/{code}/known-hosts", as("viewer", { params: code }));
  });

  it("enrolment (token, one-liner report, revoke), hardware swap and its history, retirement (issue 11)", async () => {
    // No gateway: the connect-back cannot run, so the key is pinned "unverified" and no SSH is attempted.
    const branch = await t.db.branch.create({
      data: { code: "RESP-ENR", name: "Enrolment", region: "Test", lanCidr: "198.51.100.0/24" },
    });
    const code = { code: branch.code };
    const tokens = "/api/v1/branches/{code}/enrolment-tokens";
    const body = { guestIp: "198.51.100.60", expectedSerial: "SN-ENR-1", expiresInHours: 2 };
    const created = await api.send("POST", tokens, as("admin", { params: code, body }));
    expect(created.json!.oneLiner).toMatch(/^curl -fsS .*\/enrol\/[A-Za-z0-9_-]{43} \| sh$/);
    await api.send("GET", tokens, as("admin", { params: code }));
    const pair = generateEd25519("root@enr");
    const report = {
      token: created.json!.secret,
      serial: "SN-ENR-1",
      hostname: "resp-enr-h01",
      nicMac: "00:16:3e:77:00:61",
      bridge: "virbr0",
      linkLocalIp: "169.254.1.61",
      gatewayIp: "169.254.1.1",
      hostKey: pair.publicLine,
      domains: [{ name: "resp-enr-ws01", macs: ["52:54:00:77:00:61"] }],
      kernel: "6.1.0-18-amd64",
      distro: "Debian GNU/Linux 12 (bookworm)",
      fleetKeyInstalled: false,
    };
    const enrolled = await api.send("POST", "/api/v1/enrol", { body: report });
    expect(enrolled.json).toMatchObject({ outcome: "created", keyCheck: "unverified" });
    const spare = await api.send("POST", tokens, as("admin", { params: code, body: {} }));
    await api.send("DELETE", "/api/v1/enrolment-tokens/{id}", as("admin", { params: id(spare.json!.token.id) }));
    const hostId = id(enrolled.json!.host.id);
    const swap = { serial: "SN-ENR-2", nicMac: "00:16:3e:77:00:62", reason: "RMA 4711" };
    await api.send("POST", "/api/v1/hosts/{id}/hardware", as("admin", { params: hostId, body: swap }));
    const history = await api.send("GET", "/api/v1/hosts/{id}/hardware", as("viewer", { params: hostId }));
    expect(history.json!.hardware).toEqual([expect.objectContaining({ serial: "SN-ENR-1", reason: "RMA 4711" })]);
    const retired = await api.send("POST", "/api/v1/hosts/{id}/retire", as("admin", { params: hostId, body: {} }));
    expect(retired.json).toMatchObject({ rollout: null, host: { state: "retired" } });
    expect(retired.json!.holds.map((h: { kind: string }) => h.kind)).toEqual(["link-local", "guest-mac"]);
  });

  it("bulk import (preview with an error, commit) and export as CSV and JSON (issue 11)", async () => {
    const header =
      "branch_code,branch_name,region,lan_cidr,hostname,serial,nic_mac,guest_name,guest_domain,guest_mac,guest_ip";
    const row = "RESP-IMP,Import,Test,192.0.2.0/24,resp-imp-h1,SN-RESP-IMP,00:16:3e:77:01:01,W1,w1,06:77:00:00:01:01";
    const bad = { format: "csv", content: `${header}\n${row},192.0.2.300\n` };
    const preview = await api.send("POST", "/api/v1/import", as("admin", { body: bad }));
    expect(preview.json!.errors).toEqual([expect.objectContaining({ row: 2, column: "guest_ip" })]);
    const good = { format: "csv", content: `${header}\n${row},192.0.2.30\n`, dryRun: false };
    const done = await api.send("POST", "/api/v1/import", as("admin", { body: good }));
    expect(done.json).toMatchObject({ committed: true, errors: [] });
    const csv = await api.send("GET", "/api/v1/export", as("viewer", { query: { branch: "RESP-IMP" } }));
    expect(csv.headers.get("content-type")).toBe("text/csv");
    expect(String(csv.json)).toContain("resp-imp-h1");
    const json = await api.send("GET", "/api/v1/export.json", as("viewer"));
    expect(json.headers.get("content-disposition")).toBe('attachment; filename="branchdesk-fleet.json"');
  });

  it("health (issue 12): the fleet, a box's panel with checks, events and samples, Check now, settings", async () => {
    const host = await t.db.host.findFirstOrThrow({ where: { guest: { isNot: null } }, include: { branch: true } });
    const box = `host:${host.id}`;
    const at = new Date();
    const check = { check: "support-path", status: "fail", reason: "connection refused", value: null };
    await t.db.healthState.create({
      data: {
        ...{ boxKey: box, kind: "host", boxId: host.id, branchCode: host.branch.code, status: "support-broken" },
        ...{ summary: "support path broken", checks: JSON.stringify([check]), checkedAt: at, lastSeenAt: at },
      },
    });
    await t.db.healthEvent.create({
      data: { boxKey: box, check: "box", from: "ok", to: "support-broken", reason: "x", startedAt: at },
    });
    const start = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
    await t.db.healthSample.create({
      data: { boxKey: box, resolution: "raw", blockStart: start, points: "0,12.5,40,0,0.3,0;" },
    });
    await t.db.healthIncident.create({
      data: { branchCode: host.branch.code, kind: "support-broken", summary: "s", boxes: 2, startedAt: at },
    });
    const fleet = await api.send("GET", "/api/v1/health", as("viewer"));
    expect(fleet.json!.counts["support-broken"]).toBe(1);
    const detail = await api.send("GET", "/api/v1/health/boxes/{box}", as("viewer", { params: { box } }));
    expect(detail.json!.samples.points.length).toBeGreaterThan(0);
    await api.send("GET", "/api/v1/health/boxes/{box}", as("viewer", { params: { box }, query: { range: "30d" } }));
    await api.send("POST", "/api/v1/health/check", as("operator", { body: { box } }));
    const settings = await api.send("GET", "/api/v1/health/settings", as("admin"));
    const { webhookSecretSet: _, ...values } = settings.json!.settings;
    const body = { ...values, webhookUrl: "https://hooks.example.test/x", webhookSecret: "0123456789abcdef" };
    const saved = await api.send("PUT", "/api/v1/health/settings", as("admin", { body }));
    expect(saved.json!.settings.webhookSecretSet).toBe(true);
  });

  it("directory settings (issue 14): read, save; the bind password is never answered", async () => {
    const got = await api.send("GET", "/api/v1/directory-settings", as("admin"));
    const settings = {
      ...got.json!.settings,
      urls: ["ldap://127.0.0.1:1"],
      tls: "none",
      bindDn: "cn=branchdesk,dc=bank,dc=test",
      userBase: "ou=people,dc=bank,dc=test",
      roleMap: [{ groupDn: "cn=noc,ou=groups,dc=bank,dc=test", role: "operator" }],
    };
    const body = { ...settings, bindPassword: "never-answered-secret" };
    const saved = await api.send("PUT", "/api/v1/directory-settings", as("admin", { body }));
    expect(saved.json!.bindPasswordSet).toBe(true);
    expect(JSON.stringify(saved.json)).not.toContain("never-answered-secret");
    // Left switched off: the other cases here sign in with local accounts only.
    await api.send("PUT", "/api/v1/directory-settings", as("admin", { body: { ...settings, enabled: false } }));
  });

  it("NAT audit (issue 13): the fleet view, one audit, a diff, both exports, and Audit now", async () => {
    const [older, newer] = await t.db.natAudit.findMany({ orderBy: { id: "asc" }, take: 2 });
    const fleet = await api.send("GET", "/api/v1/nat-audits", as("viewer", { query: { class: "shadowed" } }));
    expect(fleet.json!.audits.map((a: { id: number }) => a.id)).toEqual([newer!.id]);
    const detail = await api.send("GET", "/api/v1/nat-audits/{id}", as("viewer", { params: id(newer!.id) }));
    expect(detail.json!.rules.some((r: { neverHit: boolean }) => r.neverHit)).toBe(true);
    const diff = await api.send(
      "GET",
      "/api/v1/nat-audits/{id}/diff",
      as("viewer", { params: id(newer!.id), query: { against: String(older!.id) } }),
    );
    expect(diff.json!.added).toHaveLength(1);
    const csv = await api.send("GET", "/api/v1/nat-audits/export.csv", as("viewer", { query: { class: "shadowed" } }));
    expect(csv.headers.get("content-type")).toBe("text/csv");
    expect(String(csv.json)).toContain("digest_sha256");
    const json = await api.send(
      "GET",
      "/api/v1/nat-audits/export.json",
      as("viewer", { query: { id: String(newer!.id) } }),
    );
    expect(JSON.parse(String(json.json)).audits[0].digest).toBe(newer!.digest);
    // No SSH here: the box's snapshot records why it could not be read.
    const run = await api.send("POST", "/api/v1/nat-audits", as("operator", { body: { box: newer!.boxKey } }));
    expect(run.json!.audits.map((a: { status: string }) => a.status)).toEqual(["failed"]);
    const host = await t.db.host.findFirstOrThrow({ where: { guest: { isNot: null } } });
    const trace = await api.send(
      "POST",
      "/api/v1/nat-audits/trace",
      as("operator", { body: { host: `host:${host.id}` } }),
    );
    expect(trace.json!.problems.length).toBeGreaterThan(0);
  });

  it("NAT adoption (issue 13): the plan from the latest audit, then one rollout confirmed by count", async () => {
    const branch = (await loadHealthTargets(t.db)).find((b) => b.gateway?.desired && !b.lastRollout)!;
    const gw = branch.gateway!;
    const pool = gw.desired!.rules.find((r) => r.kind === "snat-from-pool")!;
    const line = `-A POSTROUTING ${ruleArgs(pool).join(" ")}`;
    const iptablesText = `*nat\n:POSTROUTING ACCEPT [0:0]\n[4:240] ${line}\nCOMMIT\n`;
    const rules = [natRule({ text: `[4:240] ${line}`, class: "hand-made-equivalent" })];
    const box = { box: gw.key, boxName: gw.name, branchCode: gw.branchCode };
    await seedNatAudit(t.db, { ...box, at: new Date(), rules, iptablesText });
    const body = { boxes: [gw.key] };
    const plan = await api.send("POST", "/api/v1/nat-audits/adoptions/plan", as("operator", { body }));
    expect(plan.json!.boxes[0].remove.map((r: { line: string }) => r.line)).toEqual([line]);
    const auditIds = plan.json!.boxes.map((b: { auditId: number }) => b.auditId);
    const started = await api.send(
      "POST",
      "/api/v1/nat-audits/adoptions",
      as("operator", { body: { ...body, auditIds, confirm: plan.json!.removeCount } }),
    );
    expect(started.json!.removeCount).toBe(1);
    await settleRollouts(t.db);
  });

  it("API tokens (issue 15): create (personal and service), list, a bearer request, revoke", async () => {
    const body = { name: "resp-ci", role: "viewer", expiresInDays: 30, allowedCidrs: ["192.0.2.0/24"] };
    const created = await api.send("POST", "/api/v1/tokens", as("operator", { body }));
    expect(created.json!.secret).toMatch(/^bdt_/);
    const service = { name: "resp-svc", role: "admin", service: true };
    await api.send("POST", "/api/v1/tokens", as("admin", { body: service }));
    const mine = await api.send("GET", "/api/v1/tokens", {
      bearer: created.json!.secret,
      headers: { "x-forwarded-for": "192.0.2.9" },
    });
    expect(mine.json!.tokens.map((x: { name: string }) => x.name)).toEqual(["resp-ci"]);
    expect(mine.json!.tokens[0]).toMatchObject({ lastUsedAt: expect.any(String), lastClientAddress: "192.0.2.9" });
    await api.send("DELETE", "/api/v1/tokens/{id}", as("operator", { params: id(created.json!.token.id) }));
  });

  it("covered every operation the route files export", () => {
    expect(operationKeys(routes).filter((key) => !api.answered.has(key))).toEqual([]);
  });
});

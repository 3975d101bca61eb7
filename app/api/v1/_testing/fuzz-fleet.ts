/**
 * The database side of the API fuzz test: a small seeded fleet (so path
 * parameters name real rows), one signed-in user per role, and the upkeep
 * that fuzzed writes make necessary.
 */
import type { Role } from "@/lib/domain/role";
import { newSessionToken, SESSION_TTL_MS, sessionId } from "@/lib/server/auth/session-token";
import type { Db } from "@/lib/server/db/client";
import { INSTANCE_ID } from "@/lib/server/rollouts/instance-id";
import { makeTerminalSession } from "@/prisma/seed/terminal-sessions";
import { natRule, seedNatAudit } from "@/prisma/seed/nat-audits";
import { makeBranch, makeGateway, makeHost, makeUser } from "@/prisma/seed/factories";
import type { FleetContext } from "./fuzz-fields";
import { healthChecksSettled } from "@/lib/server/health/start-health-check";

export const FUZZ_PASSWORD = "fuzz test password";
/** What every (simulated) box presents when scanned; a valid SHA256 fingerprint. */
export const FAKE_FINGERPRINT = `SHA256:${"fuzzAPIbox0".repeat(4).slice(0, 42)}A`;

type Actor = { id: number; username: string; role: Role; token: string };
export type Actors = Record<Role, Actor>;

async function openSession(db: Db, userId: number): Promise<string> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.session.create({ data: { id: sessionId(token), userId, expiresAt } });
  return token;
}

export async function makeActors(db: Db): Promise<Actors> {
  const actors: Partial<Actors> = {};
  for (const role of ["viewer", "operator", "admin"] as const) {
    const user = await makeUser(role, { password: FUZZ_PASSWORD }, db);
    actors[role] = { id: user.id, username: user.username, role, token: await openSession(db, user.id) };
  }
  return actors as Actors;
}

/**
 * Fuzzed writes may demote or disable the fuzzer's own users (PATCH
 * /users/{id}) or sign them out (DELETE /session); put them back so the next
 * request still runs as the role it says. Returns whether it wrote anything.
 */
export async function repairActors(db: Db, actors: Actors): Promise<boolean> {
  let wrote = false;
  for (const a of Object.values(actors)) {
    const s = await db.session.findUnique({ where: { id: sessionId(a.token) }, include: { user: true } });
    if (s && !s.user.disabled && s.user.role === a.role) continue;
    await db.user.update({ where: { id: a.id }, data: { role: a.role, disabled: false } });
    if (!s) a.token = await openSession(db, a.id);
    wrote = true;
  }
  return wrote;
}

/** A branch, a gateway and hosts (the first guestless); `pinned` pins the gateway's key (hosts are scanned via it). */
async function seedBranch(db: Db, hosts: number, pinned: boolean) {
  const branch = await makeBranch({}, db);
  if (hosts > 0) await makeGateway(branch, pinned ? { hostKeyFingerprint: FAKE_FINGERPRINT } : {}, db);
  for (let i = 0; i < hosts; i++) await makeHost(branch, i === 0 ? { guest: false } : {}, db);
  return branch;
}

/** A rollout over `code`'s branch: succeeded (read only), interrupted (resume, cancel) or running (cancel). */
async function seedRollout(db: Db, code: string, status: string) {
  // A running rollout "owned" by another live instance: its heartbeat stays fresh, so nothing marks it interrupted.
  const tomorrow = new Date(Date.now() + 86_400_000);
  const live = status === "running" ? { owner: "another-dashboard", heartbeatAt: tomorrow } : {};
  const target = { kind: "gateway", targetKey: "gateway:0", label: `gw of ${code}`, branchCode: code, position: 0 };
  await db.rollout.create({
    data: {
      createdBy: "seed",
      scope: JSON.stringify({ branchCodes: [code] }),
      status,
      ...live,
      targets: { create: [target] },
    },
  });
}

export async function seedFleet(db: Db): Promise<void> {
  const first = await seedBranch(db, 3, true);
  await seedBranch(db, 2, false);
  await seedBranch(db, 0, false);
  for (const status of ["succeeded", "interrupted", "running"]) await seedRollout(db, first.code, status);
  // Terminal sessions (issue 10): an ended one with its recording, a live one, one whose file is gone.
  // Their .cast files go under BRANCHDESK_DATA_DIR, which the test files point at a temporary directory.
  await makeTerminalSession(db, { branchCode: first.code });
  await makeTerminalSession(db, { branchCode: first.code, endedAt: null });
  await makeTerminalSession(db, { branchCode: first.code, cast: null });
  await makeUser("viewer", { password: FUZZ_PASSWORD }, db); // someone other than the actors for PATCH /users/{id}
  await seedNatAudits(db, first.id);
  // An API token (issue 15) for DELETE /tokens/{id} to name; its secret is no one's.
  const token = { lookupId: "fuzzSeed0001", secretHash: "0".repeat(64), name: "seeded", role: "viewer" };
  await db.apiToken.create({ data: { ...token, createdBy: "seed" } });
}

/** Two NAT audits of the first branch's gateway (issue 13): a fleet view, a detail and a diff to read. */
async function seedNatAudits(db: Db, branchId: number) {
  const gw = await db.gateway.findUniqueOrThrow({ where: { branchId }, include: { branch: true } });
  const box = { box: `gateway:${gw.id}`, boxName: gw.hostname, branchCode: gw.branch.code };
  const masquerade = natRule({
    text: "[3:180] -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
    class: "foreign",
  });
  const dead = natRule({ text: "[0:0] -A POSTROUTING -s 172.17.0.0/16 -j ACCEPT", class: "shadowed", packets: 0 });
  const older = await seedNatAudit(db, { ...box, at: new Date(Date.now() - 3_600_000), rules: [masquerade] });
  const drift = [
    {
      change: "added" as const,
      table: "iptables" as const,
      chain: "POSTROUTING",
      text: dead.text,
      firstSeen: new Date().toISOString(),
    },
  ];
  await seedNatAudit(db, { ...box, at: new Date(), rules: [masquerade, dead], drift, previousId: older });
}

/** Refills what fuzzed deletes used up, so each operation starts with rows to hit. */
export async function topUpFleet(db: Db): Promise<void> {
  if ((await db.host.count()) < 4) await seedBranch(db, 3, true);
  if ((await db.branch.count({ where: { gateway: null, hosts: { none: {} } } })) === 0) await seedBranch(db, 0, false);
  const branch = await db.branch.findFirst({ orderBy: { id: "asc" } });
  const interrupted = await db.rollout.count({ where: { status: "interrupted" } });
  if (branch && interrupted === 0) await seedRollout(db, branch.code, "interrupted");
}

export async function fleetContext(db: Db, actors: Actors): Promise<FleetContext> {
  const [branches, hosts, users, rollouts, terminalSessions, enrolmentTokens, natAudits, apiTokens] = await Promise.all(
    [
      db.branch.findMany({ select: { code: true, lanCidr: true } }),
      db.host.findMany({ select: { id: true } }),
      db.user.findMany({ select: { id: true } }),
      db.rollout.findMany({ select: { id: true } }),
      db.terminalSession.findMany({ select: { id: true } }),
      db.enrolmentToken.findMany({ select: { id: true } }),
      db.natAudit.findMany({ select: { id: true } }),
      db.apiToken.findMany({ select: { id: true } }),
    ],
  );
  const ids = (rows: { id: number }[]) => (rows.length ? rows.map((r) => String(r.id)) : ["1"]);
  return {
    codes: branches.map((b) => b.code),
    lans: branches.map((b) => b.lanCidr),
    hostIds: ids(hosts),
    userIds: ids(users),
    rolloutIds: ids(rollouts),
    terminalSessionIds: terminalSessions.length ? terminalSessions.map((s) => s.id) : ["missing-session"],
    enrolmentTokenIds: ids(enrolmentTokens),
    natAuditIds: ids(natAudits),
    apiTokenIds: ids(apiTokens),
    usernames: [...Object.values(actors).map((a) => a.username), "nobody"],
    password: FUZZ_PASSWORD,
    fingerprint: FAKE_FINGERPRINT,
  };
}

/**
 * Waits for rollouts and health checks this process started (they fail at once: no SSH here), so their
 * writes blur no later check (a Check now answers 202 and stores its sweep afterwards).
 */
export async function settleRollouts(db: Db): Promise<void> {
  await healthChecksSettled();
  // Generous: on a loaded 2-core box a failing rollout still takes a few hundred ms to record its end.
  for (let i = 0; i < 400; i++) {
    if ((await db.rollout.count({ where: { status: "running", owner: INSTANCE_ID } })) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("a rollout started by the fuzz test is still running after 20 s");
}

/**
 * Issue 8, section 5: a generative test of the whole API. It walks the
 * OpenAPI document the openapi.json route serves and sends every operation
 * valid, boundary and hostile bodies, query strings and path segments, as
 * every role, against a seeded fleet; it holds each answer to: no 5xx, every
 * error in the one JSON shape, a refused write (and any read) changes no row,
 * and nothing the document or the house rules refuse is accepted.
 *
 * Fixed seed, so a run is repeatable: each finding prints its request and an
 * id; BRANCHDESK_API_FUZZ_SHOW=<id> runs the same way and prints that request
 * in full (body bytes included) with its answer.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { useTempDataDir } from "@/lib/testing/use-temp-data-dir";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { sendFuzzRequest } from "./_testing/fuzz-call";
import { checkAnswer, FindingLog, showInFull } from "./_testing/fuzz-findings";
import {
  fleetContext,
  makeActors,
  repairActors,
  seedFleet,
  settleRollouts,
  topUpFleet,
  type Actors,
} from "./_testing/fuzz-fleet";
import { requestArbitrary, type GeneratedRequest } from "./_testing/fuzz-request";
import { sweepRequests } from "./_testing/fuzz-sweep";
import { walkOpenApi, type FuzzOperation } from "./_testing/openapi-walk";
import { loadRouteFiles } from "./_testing/route-kit";
import { RowWatch } from "./_testing/row-watch";

vi.mock("server-only", () => ({}));
// The contract under test is HTTP, not SSH: every box "answers" a scan with one
// fingerprint at once, and rollouts find every target unreachable. Without
// this, a scan of a fuzzed gateway would wait on 203.0.113.x for 10 s.
vi.mock("@/lib/ssh/scan-host-key", async () => {
  const { FAKE_FINGERPRINT } = await import("./_testing/fuzz-fleet");
  return { scanHostKey: async () => ({ ok: true, value: FAKE_FINGERPRINT }) };
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
vi.mock("@/lib/server/rollouts/rollout-driver", () => ({
  rolloutDriver: async () => ({
    open: async (t: { label: string }) => ({ ok: false, error: `${t.label} is unreachable (no SSH here)` }),
    close: async () => undefined,
  }),
}));
// scrypt costs ~100 ms a hash by design (several times that on a busy 2-core box); sign-in and
// user writes would spend the whole time budget in it. Same contract, a fast digest.
vi.mock("@/lib/server/auth/password", async (original) => {
  const { createHash } = await import("node:crypto");
  const hash = (pw: string) => `fuzz$${createHash("sha256").update(pw, "utf8").digest("base64")}`;
  return {
    ...(await original()),
    hashPassword: async (pw: string) => hash(pw),
    verifyPassword: async (pw: string, stored: string) => hash(pw) === stored,
  };
});

// Directory sign-in (issue 14): a fuzzed PUT /directory-settings may switch it on with made-up
// replicas, and every later sign-in would wait on them. The directory answers "no such user" here;
// the LDAP path has its own tests against a real slapd (lib/server/directory/*.int.test.ts).
vi.mock("@/lib/server/directory/authenticate-in-directory", () => ({
  authenticateInDirectory: async () => ({ kind: "unknown" }),
  lookUpInDirectory: async () => null,
}));

const SEED = 20_260_611;
// Random requests per operation, after the sweep's: SQLite takes the full pass, PostgreSQL a
// smaller one (the file must stay well under 2 minutes on 2 cores; the summary line says how long).
const RUNS = { sqlite: 40, postgresql: 20 } as const;
const SHOW = process.env.BRANCHDESK_API_FUZZ_SHOW;
// A refused sign-in is meant to write: the throttle counts it and the audit log records it.
const SIGN_IN_WRITES = (table: string) => table.startsWith("login") || table === "auditEvent";
// A refused enrolment (issue 11) is meant to be audited, and to write nothing else.
const ENROL_WRITES = (table: string) => table === "auditEvent";
const log = new FindingLog();

describeEachDb("API fuzz: every documented operation, every role, valid/boundary/hostile input", (provider) => {
  let t: TestDb;
  // Terminal recordings (.cast files) are written and read under the data directory.
  let dataDir: Awaited<ReturnType<typeof useTempDataDir>> | undefined;
  let actors: Actors;
  let rows: RowWatch;
  let walk: Awaited<ReturnType<typeof walkOpenApi>>;
  beforeAll(async () => {
    dataDir = await useTempDataDir();
    t = await createTestDb(provider);
    installTestDb(t);
    rows = await RowWatch.start(t.db, provider);
    actors = await makeActors(t.db);
    await seedFleet(t.db);
    // The watch must see writes, or every "changes no row" check below would pass blind.
    if ((await rows.changedTables()).length === 0) throw new Error("RowWatch did not notice the seed being written");
    walk = await walkOpenApi(await loadRouteFiles(), actors.viewer.token);
  });
  afterAll(async () => {
    await dataDir?.restore();
    if (!t) return;
    await settleRollouts(t.db);
    await t.drop();
  });

  /** Sends one request and holds its answer, and what it did to the database, to the contract. */
  async function exercise(op: FuzzOperation, gen: GeneratedRequest, id: string): Promise<void> {
    const token = gen.role === "anonymous" ? undefined : actors[gen.role].token;
    const answer = await sendFuzzRequest(op, { ...gen.request, token });
    if (SHOW === id) console.log(`[${provider}] ${showInFull(op, gen, answer)}`);
    log.sent(provider, answer.status);
    const wrote = op.method !== "GET" && answer.status < 300;
    if (wrote) await settleRollouts(t.db);
    const signIn = op.key === "POST /api/v1/session";
    const enrol = op.key === "POST /api/v1/enrol";
    const changed = (await rows.changedTables()).filter(
      (m) => !(signIn && SIGN_IN_WRITES(m)) && !(enrol && ENROL_WRITES(m)),
    );
    for (const problem of checkAnswer(op, gen, answer, changed)) log.add(provider, op, gen, answer, problem, id);
    if (wrote && (await repairActors(t.db, actors))) await rows.changedTables();
  }

  /** The sweep, then the random runs, each with its seed; the fleet is topped up first. */
  async function fuzz(op: FuzzOperation, seed: number): Promise<void> {
    await topUpFleet(t.db);
    await repairActors(t.db, actors);
    const ctx = await fleetContext(t.db, actors);
    await rows.changedTables();
    for (const [i, gen] of sweepRequests(op, ctx, seed).entries()) await exercise(op, gen, `${seed}:sweep-${i}`);
    let run = 0;
    const property = fc.asyncProperty(requestArbitrary(op, ctx), (gen) => exercise(op, gen, `${seed}:${run++}`));
    await fc.assert(property, { seed, numRuns: RUNS[provider] });
  }

  it("the document names exactly the operations the routes serve", () => {
    expect(walk.problems).toEqual([]);
    expect(walk.operations.length).toBeGreaterThanOrEqual(20);
  });

  it("no 5xx, one error shape, refused writes and reads change no row, invalid input refused", async () => {
    const started = Date.now();
    for (const [i, op] of walk.operations.entries()) await fuzz(op, SEED + i);
    console.log(`${log.report(provider)}\n  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    expect(log.findings(provider).map((f) => `${f.check}: ${f.op} -> ${f.status} on "${f.mutation}"`)).toEqual([]);
  }, 110_000);
});

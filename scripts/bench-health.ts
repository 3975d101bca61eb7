/**
 * `npm run bench:health -- [--hosts 200] [--concurrency 32] [--per-branch 50] [--boxes 10000] [--days 30] [--no-lab]
 *   [--only sweep,ingest,size]`
 *
 * Prints (never asserts), issue 12:
 *   sweep   a health sweep of N lab hosts (rules applied first, so support paths work) against
 *           the floor of the same work, measured in turns with the sweeps at the same
 *           concurrency: every box the sweep reads (hosts over their support path, gateways),
 *           one pinned handshake and one `true` each (scripts/bench/measure-support-floor.ts).
 *           Goal <= 1.5x. Printed for reference: plain OpenSSH `ssh <host> true` via the
 *           gateway, and the rollout's route (a session per gateway, a connection per host).
 *           Needs root (the lab); --no-lab skips it.
 *   ingest  host results stored per second on SQLite, batched (state upsert, events, samples
 *           appended): a first sweep of --boxes boxes, then steady sweeps. Goal >= 2,000/s.
 *   size    the database after --days days at --boxes boxes every 5 min with retention
 *           (14 days raw, the rest hourly): the retained rows are written through the store's
 *           own sample codec and block writer, the states by ingest, then the file is measured
 *           (SQLite, and PostgreSQL when BRANCHDESK_TEST_PG_URL is set). 8.6 million sweeps'
 *           worth of ingest is not replayed one by one: what retention keeps is what is written.
 */
import { statSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { Lab } from "../e2e/lab/lab";
import type { BoxProbe } from "../lib/domain/health/box-probe";
import { classifyBox } from "../lib/domain/health/classify-box";
import type { HealthReading } from "../lib/domain/health/parse-health-output";
import {
  blockStart,
  encodePoint,
  HOUR_BLOCK_MS,
  RAW_BLOCK_MS,
  type SamplePoint,
} from "../lib/domain/health/sample-codec";
import { insertRows } from "../lib/server/db/insert-rows";
import { appendSampleBlocks, type SampleBlock } from "../lib/server/health/append-sample-blocks";
import { ingestResults, type BoxResult } from "../lib/server/health/ingest-results";
import { createTestDb, installTestDb, type TestDb } from "../lib/testing/temp-db";
import { suspendAutogroup } from "./bench/autogroup";
import { enrolDirect } from "./bench/enrol-direct";
import { measureFloor } from "./bench/measure-floor";
import { measureOpensshFloor } from "./bench/measure-openssh-floor";
import { measureSupportFloor } from "./bench/measure-support-floor";

const ACTOR = { userId: null, username: "bench", role: "admin" as const };
const MIB = 1024 * 1024;

async function main() {
  const { values } = parseArgs({
    options: {
      hosts: { type: "string", default: "200" },
      concurrency: { type: "string", default: "32" },
      "per-branch": { type: "string", default: "50" },
      boxes: { type: "string", default: "10000" },
      days: { type: "string", default: "30" },
      "size-boxes": { type: "string" },
      "no-lab": { type: "boolean", default: false },
      only: { type: "string", default: "sweep,ingest,size" },
    },
  });
  const only = new Set(values.only.split(","));
  const boxes = Number(values.boxes);
  if (!values["no-lab"] && only.has("sweep"))
    await sweepBench(Number(values.hosts), Number(values.concurrency), Number(values["per-branch"]));
  if (only.has("ingest")) await ingestBench(boxes);
  if (!only.has("size")) return;
  // The whole retained history of --boxes boxes is written (3.5 million blocks at 10,000). --size-boxes
  // writes fewer and scales the figure (rows and bytes grow linearly: one row per box per hour or day).
  const sizeBoxes = Math.min(boxes, Number(values["size-boxes"] ?? boxes));
  await sizeBench("sqlite", sizeBoxes, Number(values.days), boxes);
  if (process.env.BRANCHDESK_TEST_PG_URL) await sizeBench("postgresql", sizeBoxes, Number(values.days), boxes);
  else console.log("size (postgresql): not measured (set BRANCHDESK_TEST_PG_URL)");
}

async function sweepBench(hosts: number, concurrency: number, perBranch: number) {
  if (process.getuid?.() !== 0) {
    console.log("sweep: skipped (the lab needs root)");
    return;
  }
  const branches = Math.ceil(hosts / perBranch);
  const t0 = Date.now();
  const lab = await Lab.up({
    branches,
    hostsPerBranch: Math.min(perBranch, hosts),
    log: (m) => console.error(`lab: ${m}`),
  });
  console.error(`lab up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const t = await createTestDb("sqlite");
  // Every lab SSH session is a scheduling group of its own otherwise (scripts/bench/autogroup.ts).
  const autogroup = suspendAutogroup();
  try {
    installTestDb(t);
    process.env.BRANCHDESK_SSH_KEY = lab.inventory.ssh.privateKeyPath;
    process.env.BRANCHDESK_HEALTH_CONCURRENCY = String(concurrency);
    await enrolDirect(lab.inventory, ACTOR);
    const codes = lab.inventory.branches.map((b) => b.code);
    const n = lab.inventory.branches.reduce((s, b) => s + b.hosts.length, 0);
    const { startRollout } = await import("../lib/server/rollouts/start-rollout");
    const { done } = await startRollout(ACTOR, {
      branchCodes: codes as never,
      dryRun: false,
      concurrency,
      canary: false,
      failureBudget: 1_000,
    });
    await done;
    const { sweepHealth } = await import("../lib/server/health/sweep-health");
    const { db } = await import("../lib/server/db/client");
    const floor = await measureOpensshFloor(lab.inventory, concurrency);
    const inProcess = await measureFloor(lab.inventory, concurrency);
    // Floors and sweeps alternate, so a burst of load on the shared machine hits both alike.
    const floors: number[] = [];
    const stepFloors: number[] = [];
    const sweeps: number[] = [];
    const loads: string[] = [];
    let support = await measureSupportFloor(lab.inventory, concurrency);
    let step = support;
    for (let i = 0; i < 3; i++) {
      support = await measureSupportFloor(lab.inventory, concurrency);
      floors.push(support.seconds);
      step = await measureSupportFloor(lab.inventory, concurrency, "health");
      stepFloors.push(step.seconds);
      const started = performance.now();
      await sweepHealth({ fleet: true }, { trigger: "schedule", slot: `2026-01-01T00:0${i}:00.000Z` });
      sweeps.push((performance.now() - started) / 1000);
      loads.push(loadavg()[0]!.toFixed(1));
    }
    const counts = await db().healthState.groupBy({ by: ["status"], _count: true });
    const best = Math.min(...sweeps);
    const bestFloor = Math.min(...floors);
    console.log(`\nsweep: ${n} hosts + ${branches} gateways in ${branches} branches, concurrency ${concurrency}`);
    console.log(
      `  floor (the same ${support.boxes} boxes, one pinned handshake + one exec each: hosts over the ` +
        `support path): ${floors.map((s) => s.toFixed(2)).join(" s, ")} s  (${support.failures} failures` +
        `${support.firstError ? `, first: ${support.firstError}` : ""})`,
    );
    console.log(
      `  floor (the same boxes and connections, the sweep's own remote step, as pssh would run it): ` +
        `${stepFloors.map((s) => s.toFixed(2)).join(" s, ")} s  (${step.failures} failures` +
        `${step.firstError ? `, first: ${step.firstError}` : ""})`,
    );
    console.log(`  floor (OpenSSH ssh true via gateway)   ${floor.seconds.toFixed(2)} s  (${floor.failures} failures)`);
    console.log(
      `  floor (in-process, shared gateway)     ${inProcess.seconds.toFixed(2)} s  (${inProcess.failures} failures)`,
    );
    console.log(`  health sweeps                          ${sweeps.map((s) => s.toFixed(2)).join(" s, ")} s`);
    console.log(`  load average (1 min) after each sweep: ${loads.join(", ")} on 2 cores`);
    const pairs = sweeps.map((s, i) => (s / floors[i]!).toFixed(2)).join(", ");
    console.log(
      `  sweep / floor of the handshakes alone: best ${(best / bestFloor).toFixed(2)}x (each pair: ${pairs}); ` +
        `for reference ${(best / floor.seconds).toFixed(2)}x OpenSSH ProxyJump, ` +
        `${(best / inProcess.seconds).toFixed(2)}x in-process via the gateway`,
    );
    const bestStep = Math.min(...stepFloors);
    const stepPairs = sweeps.map((s, i) => (s / stepFloors[i]!).toFixed(2)).join(", ");
    console.log(
      `  sweep / parallel-SSH floor of the same remote step: best ${(best / bestStep).toFixed(2)}x ` +
        `(each pair: ${stepPairs}) (goal <= 1.5x); the sweep's extras: the link-local banner probe ` +
        "through the gateway, classification, the database",
    );
    console.log(`  states: ${counts.map((c) => `${c._count} ${c.status}`).join(", ")}; ${autogroup.note}`);
  } finally {
    autogroup.restore();
    await t.drop();
    await lab.down();
  }
}

/** The sweeps' clock: sweep N reads at SWEEP0 + N x 5 min, and each box's clock agrees with it. */
const SWEEP0_MS = new Date("2026-11-30T00:00:00Z").getTime();

const reading = (i: number, sweep: number): HealthReading => ({
  now: SWEEP0_MS / 1000 + sweep * 300,
  uptimeSeconds: 100_000 + sweep * 300,
  load1: (i % 7) / 3,
  memTotalKiB: 8_000_000,
  memAvailableKiB: 3_000_000 + ((i * 7919) % 2_000_000),
  swapTotalKiB: 2_000_000,
  swapFreeKiB: 1_900_000,
  swappiness: 60,
  kswapd: { ticks: 1000 + sweep * 3, startTicks: 50 },
  disk: { totalKiB: 100_000_000, availKiB: 40_000_000 },
  ipForward: 0,
  conntrack: null,
  snat: [],
  brNetfilter: true,
  bridgeNfCallIptables: 1,
  bridge: { operstate: "up", up: true, addrs: ["169.254.1.10/16"] },
  libvirtd: true,
  guestState: i % 50 === 0 ? "shut off" : "running",
  guestMacs: ["52:54:00:00:00:01"],
});

/** One sweep's results for `boxes` boxes, classified as a sweep would (~1% change state each sweep). */
function sweepResults(boxes: number, sweep: number, firstId = 1): BoxResult[] {
  return Array.from({ length: boxes }, (_, i) => {
    const at = new Date(SWEEP0_MS + sweep * 300_000);
    const probe: BoxProbe = {
      kind: "host",
      at,
      gatewayDown: false,
      support: i % 97 === sweep % 97 ? { ok: false, reason: "timed out" } : { ok: true, ms: 10 + (i % 30) },
      reach: { ok: true, ms: 40 },
      rules: { drifted: false, diff: [], pending: null },
      reading: reading(i, sweep),
      readingError: null,
      lastRollout: null,
      expected: {
        guestMac: "52:54:00:00:00:01",
        guestIp: "198.18.1.10",
        linkLocalIp: "169.254.1.10",
        bridge: "virbr0",
      },
      ebtablesNat: "-p ARP --arp-ip-dst 198.18.1.10 -j arpreply",
    };
    return {
      key: `host:${firstId + i}`,
      kind: "host" as const,
      boxId: firstId + i,
      name: `h${i}`,
      branchCode: `BR-${String(i % 400).padStart(4, "0")}`,
      at,
      verdict: classifyBox(probe, {}),
      incidentId: null,
    };
  });
}

async function ingestBench(boxes: number) {
  const t = await createTestDb("sqlite");
  try {
    // Warm-up on the same client, with boxes of their own: module loading, the JIT and the client's
    // first sight of each statement shape are the process's start-up, not a sweep's cost. The boxes
    // measured are still all new to the database in the first sweep.
    for (let sweep = 0; sweep < 2; sweep++)
      await ingestResults(t.db, sweepResults(500, sweep, 1_000_000), { webhook: true });
    const results = (sweep: number) => sweepResults(boxes, sweep);
    const rates: string[] = [];
    for (let sweep = 0; sweep < 4; sweep++) {
      const batch = results(sweep);
      const started = performance.now();
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < batch.length; i += 500) await ingestResults(t.db, batch.slice(i, i + 500), { webhook: true });
      const s = (performance.now() - started) / 1000;
      const c = process.cpuUsage(cpu0);
      const cpu = (c.user + c.system) / 1e6;
      rates.push(
        `${sweep === 0 ? "first" : "steady"} ${Math.round(boxes / s)}/s wall (${s.toFixed(2)} s), ` +
          `${Math.round(boxes / cpu)}/CPU-s (${cpu.toFixed(2)} CPU-s)`,
      );
    }
    const events = await t.db.healthEvent.count();
    console.log(`\ningest (sqlite, batches of 500, ${boxes} boxes per sweep; goal >= 2,000/s):`);
    for (const r of rates) console.log(`  ${r}`);
    console.log(
      `  load average while measured: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} on 2 cores`,
    );
    console.log(
      `  ${events} events and webhook deliveries written along the way (~1% of boxes change state per sweep)`,
    );
  } finally {
    await t.drop();
  }
}

async function sizeBench(provider: "sqlite" | "postgresql", boxes: number, days: number, scaleTo: number) {
  const t: TestDb = await createTestDb(provider);
  try {
    const end = new Date("2026-11-30T00:00:00Z").getTime();
    const rawDays = Math.min(14, days);
    const point = (at: Date, i: number): SamplePoint => ({
      at,
      supportMs: 8 + ((i * 31 + at.getTime() / 300_000) % 40),
      memUsedPct: 40 + (i % 50) + 0.37,
      swapUsedPct: (i % 9) * 1.1,
      load1: ((i + at.getTime() / 300_000) % 300) / 100,
      kswapdCpuPct: (i % 13) / 10,
    });
    // Each box's block of `n` points `stepMs` apart, through the store's own writer.
    const writeBlocks = async (resolution: "raw" | "hour", start: Date, n: number, stepMs: number) => {
      const blocks: SampleBlock[] = [];
      for (let i = 0; i < boxes; i++) {
        let text = "";
        for (let k = 0; k < n; k++) text += encodePoint(start, point(new Date(start.getTime() + k * stepMs), i));
        blocks.push({ boxKey: `host:${i + 1}`, resolution, blockStart: start, points: text });
      }
      await t.db.$transaction((tx) => appendSampleBlocks(tx, blocks), { timeout: 600_000 });
    };
    const started = performance.now();
    // Raw: one row per box per hour, 12 points each, for the last rawDays days.
    for (let h = 0; h < rawDays * 24; h++)
      await writeBlocks("raw", blockStart(new Date(end - (h + 1) * RAW_BLOCK_MS), RAW_BLOCK_MS), 12, 300_000);
    // Hourly means: one row per box per day, 24 points, for the days before.
    for (let d = rawDays; d < days; d++)
      await writeBlocks("hour", blockStart(new Date(end - (d + 1) * HOUR_BLOCK_MS), HOUR_BLOCK_MS), 24, RAW_BLOCK_MS);
    // The latest state per box, as a sweep's ingest leaves it.
    for (let i = 0; i < boxes; i += 2000)
      await ingestResults(t.db, sweepResults(boxes, 0).slice(i, i + 2000), { webhook: false });
    // Events: 2 state changes per box per day, kept for the whole period.
    for (let j = 0; j < 2 * days; j++) {
      const startedAt = new Date(end - (j + 1) * (86_400_000 / 2));
      const rows = Array.from({ length: boxes }, (_, i) => [
        `host:${i + 1}`,
        "box",
        j % 2 ? "ok" : "degraded",
        j % 2 ? "degraded" : "ok",
        "guest shut off, support path OK",
        startedAt,
        new Date(startedAt.getTime() + 3_600_000),
        3_600_000,
      ]);
      await t.db.$transaction((tx) =>
        insertRows(
          tx,
          "HealthEvent",
          ["boxKey", "check", "from", "to", "reason", "startedAt", "endedAt", "durationMs"],
          rows,
        ),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const [raw, hour, events, states] = await Promise.all([
      t.db.healthSample.count({ where: { resolution: "raw" } }),
      t.db.healthSample.count({ where: { resolution: "hour" } }),
      t.db.healthEvent.count(),
      t.db.healthState.count(),
    ]);
    let size: string;
    const scale = scaleTo / boxes;
    const scaled = (bytes: number) =>
      scale === 1
        ? ""
        : `; x${scale.toFixed(1)} for ${scaleTo} boxes (rows and bytes grow with boxes): ` +
          `${((bytes * scale) / MIB).toFixed(0)} MiB`;
    if (provider === "sqlite") {
      await t.db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      const file = (t.config as { file: string }).file;
      size = `${(statSync(file).size / MIB).toFixed(0)} MiB file${scaled(statSync(file).size)}`;
    } else {
      const rows = await t.db.$queryRawUnsafe<{ name: string; bytes: bigint }[]>(
        `SELECT c.relname::text AS name, pg_total_relation_size(c.oid)::bigint AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE 'Health%'`,
      );
      const total = rows.reduce((a, r) => a + Number(r.bytes), 0);
      const parts = rows.map((r) => `${r.name} ${(Number(r.bytes) / MIB).toFixed(0)}`).join(", ");
      size = `${(total / MIB).toFixed(0)} MiB in the Health tables (${parts})${scaled(total)}`;
    }
    console.log(
      `\nsize (${provider}) after ${days} days at ${boxes} boxes every 5 min, ` +
        `${rawDays} days raw + hourly means after: ${size}`,
    );
    console.log(
      `  rows: ${raw} raw blocks (${raw * 12} points), ${hour} hourly blocks, ${states} states, ` +
        `${events} events; written in ${seconds.toFixed(0)} s, load average ${loadavg()[0]!.toFixed(1)} on 2 cores`,
    );
  } finally {
    await t.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

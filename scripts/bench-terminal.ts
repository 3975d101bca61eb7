/**
 * `npm run bench:terminal [-- --keystrokes 500 --sessions 50 --megabytes 20 --server-log]` (issue 10).
 * Needs root (the lab) and the production build (`next build`).
 *
 * Builds a lab branch (a gateway, two hosts), starts a dashboard the way the end-to-end runs do
 * (scripts/dashboard-server.ts: own temp SQLite, own port, its fleet key authorised on the lab), enrols the
 * branch and applies its rules with a rollout through the API, then measures:
 *   echo        keystroke -> echo latency through the web terminal (a WebSocket client here, the support
 *               path to a host), next to OpenSSH `ssh -tt` to the same host over the same path, in
 *               interleaved blocks of the same run; p50/p95, and p95's distance from the goal
 *               (within 5 ms of OpenSSH);
 *   bulk        N concurrent terminals each running `yes | head -c <M>M`: throughput per session, the
 *               dashboard's event-loop delay p99 (serve.ts, BRANCHDESK_BENCH_METRICS) and the JSON API's
 *               p95 (GET /api/v1/branches in a loop) during the run, with the same two at rest. The API is
 *               timed twice: from a process of its own (a techie's browser: what the dashboard gives), and
 *               from this process, whose own event loop also drains the N terminals' output.
 * Prints figures with the machine's load average beside them (2 shared cores: load moves every figure);
 * asserts no timing (a benchmark, not a test).
 *
 * Scheduling: in production the 50 hosts (sshd, `yes`) and the 50 browsers are other machines, and only the
 * dashboard runs on the dashboard's. Here they share 2 cores, so by default everything this bench starts after
 * the dashboard (the lab's boxes, the terminal clients, OpenSSH) runs at nice 10, the dashboard and the API
 * probe (a techie's browser) at 0: the dashboard's figures are then the dashboard's, not the lab's CPU queue.
 * `--co-located` keeps everything at one priority (the worst case: the fleet on the dashboard's own cores).
 * Either way the kernel's autogroup scheduling is off for the run (scripts/bench/autogroup.ts): with it, every lab
 * SSH session is a scheduling group of its own, as strong as the whole dashboard, and 50 terminals leave the
 * dashboard ~2% of the CPU whatever its niceness (its "event-loop stalls" of 14 s were the process not running).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DashboardApi } from "../e2e/dashboard-api";
import { Lab, requireRoot } from "../e2e/lab/lab";
import { openTerminalClient, type TerminalClient } from "../e2e/terminal-client";
import { suspendAutogroup } from "./bench/autogroup";
import { startDashboard, type Dashboard } from "./dashboard-server";
import { ROOT } from "./schema-files";

const ADMIN_PASSWORD = "bench-admin-password-123";
const BLOCK = 50; // keystrokes per interleaved block (then the line is cleared)
/** The API is asked as a dashboard page polls it, not as a load generator: the latency is the figure. */
const PROBE_EVERY_MS = 100;
/** The lab's and the clients' niceness (see "Scheduling" above). */
const LAB_NICE = 10;

type Echo = { name: string; type(ch: string): void; onData(fn: (s: string) => void): void };

async function main() {
  const { values } = parseArgs({
    options: {
      keystrokes: { type: "string", default: "500" },
      sessions: { type: "string", default: "50" },
      megabytes: { type: "string", default: "20" },
      "server-log": { type: "boolean", default: false },
      "co-located": { type: "boolean", default: false },
    },
  });
  const keystrokes = Number(values.keystrokes);
  const sessions = Number(values.sessions);
  const megabytes = Number(values.megabytes);
  const coLocated = values["co-located"];
  try {
    requireRoot();
  } catch (e) {
    throw new Error(`bench:terminal builds a lab: ${(e as Error).message}`);
  }
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")))
    throw new Error("bench:terminal runs the production build: run `npm run build` first");

  const metricsDir = mkdtempSync(path.join(os.tmpdir(), "bd-bench-terminal-"));
  const autogroup = suspendAutogroup();
  let dashboard: Dashboard | undefined;
  let lab: Lab | undefined;
  try {
    const t0 = performance.now();
    dashboard = await startDashboard({
      provider: "sqlite",
      adminPassword: ADMIN_PASSWORD,
      env: { BRANCHDESK_BENCH_METRICS: metricsDir },
      stdio: values["server-log"] ? "inherit" : "ignore",
    });
    // Children inherit the priority: the lab's sshd (and each session's shell) and the clients get nice 10.
    if (!coLocated) os.setPriority(LAB_NICE);
    log(
      coLocated
        ? "scheduling: co-located, the lab and the clients at the dashboard's priority"
        : `scheduling: the lab's boxes and the terminal clients at nice ${LAB_NICE}, the dashboard at 0`,
    );
    lab = await Lab.up({
      branches: 1,
      hostsPerBranch: 2,
      extraAuthorizedKeys: [readFileSync(dashboard.fleetPubkeyPath, "utf8")],
    });
    const api = await DashboardApi.signIn(dashboard.url, "admin", ADMIN_PASSWORD);
    await api.enrol(lab.inventory);
    const branch = lab.inventory.branches[0]!;
    await api.applyRules([branch.code]);
    const host = branch.hosts[0]!;
    const hostId = (await api.branchIds(branch.code)).hosts.get(host.hostname)!;
    const { settings } = await api.get<{ settings: Record<string, unknown> }>("/api/v1/terminal-settings");
    await api.send("PUT", "/api/v1/terminal-settings", {
      ...settings,
      maxPerUser: Math.max(sessions + 5, 10),
      maxTotal: Math.max(sessions + 10, 20),
    });
    log(`setup: dashboard, lab, enrolment and rollout in ${secs(performance.now() - t0)}`);

    const load = { echo: loadNow(), bulk: "", after: "" };
    const web = await webEcho(api, `host:${hostId}`);
    const ssh = await opensshEcho(lab, host.hostname);
    const times: Record<string, number[]> = { [web.echo.name]: [], [ssh.echo.name]: [] };
    for (let done = 0; done < keystrokes; done += BLOCK) {
      const n = Math.min(BLOCK, keystrokes - done);
      for (const e of [web.echo, ssh.echo]) times[e.name]!.push(...(await echoBlock(e, n)));
    }
    web.close();
    ssh.close();

    const idleProbe = apiProbe(api, 3_000);
    const idle = await apiLatency(api, 3_000);
    const idleOwn = await idleProbe.result;
    const idleLoop = await eventLoop(metricsDir, async () => sleep(3_000));
    load.bulk = loadNow();
    const bulk = await bulkRun(api, `host:${hostId}`, sessions, megabytes, metricsDir);
    load.after = loadNow();

    printSummary({
      times,
      web: web.echo.name,
      ssh: ssh.echo.name,
      idle,
      idleOwn,
      idleLoop,
      bulk,
      sessions,
      megabytes,
      load,
      coLocated,
      autogroup: autogroup.note,
    });
  } finally {
    await lab?.down();
    await dashboard?.stop();
    rmSync(metricsDir, { recursive: true, force: true });
    autogroup.restore();
  }
}

/** The web terminal: one socket, the support path, the box's login shell at its prompt. */
async function webEcho(api: DashboardApi, box: string): Promise<{ echo: Echo; close(): void }> {
  const t = openTerminalClient(api.baseUrl, api.cookie, { box, cols: 200, rows: 50 });
  const opened = await t.until("the terminal to open", () => t.messages.find((m) => m.type === "opened"), 30_000);
  if (opened.type === "opened")
    log(`web terminal: ${opened.path} path, ${opened.route}, connect ${opened.connectMs} ms`);
  await t.until("a prompt", () => /[#$] $/.test(t.output()), 20_000);
  const fns: Array<(s: string) => void> = [];
  t.onOutput((b) => fns.forEach((f) => f(b.toString("utf8"))));
  return {
    echo: { name: "web terminal", type: (ch) => t.input(ch), onData: (fn) => fns.push(fn) },
    close: () => t.close(),
  };
}

/** OpenSSH from this machine to the same host over the same support path (guest IP:22), a PTY forced. */
async function opensshEcho(lab: Lab, hostname: string): Promise<{ echo: Echo; close(): void }> {
  const argv = lab.sshArgv(hostname, [], ["-tt"]);
  // sshArgv ends with "--" and the remote command: none here, the login shell is what a techie gets.
  const args = argv.slice(1, argv.lastIndexOf("--"));
  const child: ChildProcessWithoutNullStreams = spawn(argv[0]!, args, { stdio: "pipe" });
  let seen = "";
  const fns: Array<(s: string) => void> = [(s) => (seen += s)];
  child.stdout.on("data", (b: Buffer) => fns.forEach((f) => f(b.toString("utf8"))));
  child.stderr.on("data", (b: Buffer) => process.stderr.write(`ssh: ${b}`));
  const deadline = Date.now() + 20_000;
  while (!/[#$] $/.test(seen)) {
    if (child.exitCode !== null) throw new Error(`ssh -tt exited ${child.exitCode} before its prompt: ${seen}`);
    if (Date.now() > deadline) throw new Error(`ssh -tt showed no prompt in 20 s: ${JSON.stringify(seen)}`);
    await sleep(50);
  }
  fns.shift();
  log(`OpenSSH: ${[argv[0], ...args].join(" ")}`);
  return {
    echo: { name: "OpenSSH ssh -tt", type: (ch) => child.stdin.write(ch), onData: (fn) => fns.push(fn) },
    close: () => child.kill("SIGTERM"),
  };
}

/** Types n letters one at a time, each after the previous one's echo; ms per echo. Then clears the line. */
async function echoBlock(e: Echo, n: number): Promise<number[]> {
  let waiting: { ch: string; done: () => void } | null = null;
  e.onData((s) => {
    if (waiting && s.includes(waiting.ch)) waiting.done();
  });
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${e.name}: no echo of "${ch}" in 5 s`)), 5_000);
      waiting = { ch, done: () => (clearTimeout(timer), (waiting = null), resolve()) };
      e.type(ch);
    });
    out.push(performance.now() - started);
  }
  // Ctrl-U clears the typed line; wait for the terminal to settle before the next block.
  e.type("\x15");
  await sleep(200);
  return out;
}

type ApiLatency = { p50: number; p95: number; requests: number; failures: number; firstFailure?: string };

/**
 * GET /api/v1/branches from a process of its own (a techie's browser elsewhere), one request every
 * PROBE_EVERY_MS (or at once after a slower one), for `ms` or until stopped.
 */
function apiProbe(api: DashboardApi, ms: number): { stop(): void; result: Promise<ApiLatency> } {
  const script = `
    const [url, cookie, ms] = process.argv.slice(1);
    let stopped = false;
    process.stdin.on("data", () => (stopped = true));
    const end = Number(ms) > 0 ? performance.now() + Number(ms) : Infinity;
    const times = [];
    let failures = 0, firstFailure;
    (async () => {
      while (!stopped && performance.now() < end) {
        const started = performance.now();
        try {
          const res = await fetch(url, { headers: { cookie } });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error("answered " + res.status);
          times.push(performance.now() - started);
        } catch (e) {
          failures++;
          firstFailure ??= String(e && e.message) + (e && e.cause ? " (" + e.cause + ")" : "");
        }
        const wait = started + ${PROBE_EVERY_MS} - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      process.stdout.write(JSON.stringify({ times, failures, firstFailure }), () => process.exit(0));
    })();`;
  const child = spawn(process.execPath, ["-e", script, `${api.baseUrl}/api/v1/branches`, api.cookie, String(ms)]);
  if (child.pid !== undefined) os.setPriority(child.pid, 0); // a techie's browser, not part of the lab
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => process.stderr.write(`api probe: ${b}`));
  const result = new Promise<ApiLatency>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`the API probe exited with ${code}: ${out}`));
      const r = JSON.parse(out) as { times: number[]; failures: number; firstFailure?: string };
      resolve({ p50: pct(r.times, 50), p95: pct(r.times, 95), requests: r.times.length, ...r });
    });
  });
  return { stop: () => child.stdin.write("stop\n"), result };
}

/** GET /api/v1/branches every PROBE_EVERY_MS (or after a slower one), for `ms` (or until `stop` resolves). */
async function apiLatency(api: DashboardApi, ms: number, stop?: Promise<unknown>): Promise<ApiLatency> {
  let stopped = false;
  void stop?.then(() => (stopped = true));
  const end = performance.now() + ms;
  const times: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  while (stop ? !stopped : performance.now() < end) {
    const started = performance.now();
    try {
      const res = await fetch(`${api.baseUrl}/api/v1/branches`, { headers: { cookie: api.cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`answered ${res.status}`);
      times.push(performance.now() - started);
    } catch (e) {
      failures++;
      firstFailure ??= e instanceof Error ? `${e.message}${e.cause ? ` (${String(e.cause)})` : ""}` : String(e);
    }
    await sleep(started + PROBE_EVERY_MS - performance.now());
  }
  return { p50: pct(times, 50), p95: pct(times, 95), requests: times.length, failures, firstFailure };
}

type LoopDelay = { p50: number; p99: number; max: number };

/** The dashboard's event-loop delay while `during` runs (serve.ts's BRANCHDESK_BENCH_METRICS, reset by SIGUSR2). */
async function eventLoop<T>(dir: string, during: () => Promise<T>): Promise<LoopDelay & { result: T }> {
  const pid = Number(readFileSync(path.join(dir, "serve.pid"), "utf8"));
  const file = path.join(dir, "event-loop.json");
  process.kill(pid, "SIGUSR2"); // reset
  await sleep(100);
  const result = await during();
  rmSync(file, { force: true });
  process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 100 && !existsSync(file); i++) await sleep(50);
  return { ...(JSON.parse(readFileSync(file, "utf8")) as LoopDelay), result };
}

type Bulk = {
  perSession: number[]; // MB/s
  bytes: number[];
  /** How the sessions ended (box-closed: the shell exited after printing everything). */
  ended: Record<string, number>;
  wallMs: number;
  loop: LoopDelay;
  api: ApiLatency;
  /** The same, from a process of its own. */
  apiOwn: ApiLatency;
  failed: string[];
  /** CPU time (user + system) the dashboard's server process used during the run. */
  cpuMs: number;
};

/** The dashboard server's CPU time so far, from /proc (utime + stime): the load-independent cost. */
function serverCpuMs(dir: string): number {
  const pid = Number(readFileSync(path.join(dir, "serve.pid"), "utf8"));
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** `sessions` terminals open at once, then each runs `yes | head -c <M>M; exit` at the same moment. */
async function bulkRun(api: DashboardApi, box: string, sessions: number, mb: number, dir: string): Promise<Bulk> {
  const clients: TerminalClient[] = [];
  for (let i = 0; i < sessions; i++) clients.push(openTerminalClient(api.baseUrl, api.cookie, { box }));
  const failed: string[] = [];
  await Promise.all(
    clients.map((t, i) =>
      t
        .until(`terminal ${i} to show a prompt`, () => /[#$] $/.test(t.output()), 120_000)
        .catch((e: Error) => {
          failed.push(e.message.slice(0, 300));
        }),
    ),
  );
  const ready = clients.filter((t) => t.messages.some((m) => m.type === "opened") && /[#$] $/.test(t.output()));
  log(`bulk: ${ready.length} of ${sessions} terminals open; each runs yes | head -c ${mb}M`);
  if (failed.length) log(`bulk: ${failed.length} did not open; the first: ${failed[0]}`);
  const started = performance.now();
  const finished = ready.map((t) => {
    const before = t.bytes();
    t.input(`yes | head -c ${mb}M; exit\r`);
    return t.closed.then(() => ({
      ms: performance.now() - started,
      bytes: t.bytes() - before,
      ended: t.messages.find((m) => m.type === "ended")?.reason ?? "no ended message",
    }));
  });
  const all = Promise.all(finished);
  const cpuBefore = serverCpuMs(dir);
  const probe = apiProbe(api, 0);
  const measured = await eventLoop(dir, async () => {
    const apiDuring = apiLatency(api, 0, all);
    return { runs: await all, api: await apiDuring };
  });
  const cpuMs = serverCpuMs(dir) - cpuBefore;
  probe.stop();
  const apiOwn = await probe.result;
  for (const t of clients) t.close();
  const { runs, api: apiDuring } = measured.result;
  return {
    perSession: runs.map((r) => r.bytes / 1e6 / (r.ms / 1000)),
    bytes: runs.map((r) => r.bytes),
    ended: runs.reduce<Record<string, number>>((n, r) => ({ ...n, [r.ended]: (n[r.ended] ?? 0) + 1 }), {}),
    wallMs: performance.now() - started,
    loop: { p50: measured.p50, p99: measured.p99, max: measured.max },
    api: apiDuring,
    apiOwn,
    failed,
    cpuMs,
  };
}

function printSummary(r: {
  times: Record<string, number[]>;
  web: string;
  ssh: string;
  idle: ApiLatency;
  idleOwn: ApiLatency;
  idleLoop: LoopDelay;
  bulk: Bulk;
  sessions: number;
  megabytes: number;
  load: { echo: string; bulk: string; after: string };
  coLocated: boolean;
  autogroup: string;
}) {
  const w = r.times[r.web]!;
  const s = r.times[r.ssh]!;
  const gap = pct(w, 95) - pct(s, 95);
  const b = r.bulk;
  const total = b.bytes.reduce((a, x) => a + x, 0);
  const rows: Array<[string, string]> = [
    ["load average (1 min): echo, bulk, after", `${r.load.echo}, ${r.load.bulk}, ${r.load.after}`],
    [
      "scheduling",
      (r.coLocated ? "co-located (lab, clients, dashboard at one priority)" : `lab and clients at nice ${LAB_NICE}`) +
        `; ${r.autogroup}`,
    ],
    [`echo, ${r.web} (${w.length} keystrokes)`, `p50 ${ms(pct(w, 50))}  p95 ${ms(pct(w, 95))}  max ${ms(max(w))}`],
    [`echo, ${r.ssh} (${s.length} keystrokes)`, `p50 ${ms(pct(s, 50))}  p95 ${ms(pct(s, 95))}  max ${ms(max(s))}`],
    [
      "echo p95, web - OpenSSH",
      `${gap >= 0 ? "+" : ""}${ms(gap)} (goal: within +5 ms: ${gap <= 5 ? "met" : `missed by ${ms(gap - 5)}`})`,
    ],
    [
      `bulk: ${b.perSession.length}/${r.sessions} terminals, yes | head -c ${r.megabytes}M`,
      `${(total / 1e6).toFixed(0)} MB received (PTY output, \\n -> \\r\\n) in ${secs(b.wallMs)}`,
    ],
    [
      "bulk: how the sessions ended",
      Object.entries(b.ended)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(", "),
    ],
    [
      "bulk: throughput per session",
      `min ${mbs(min(b.perSession))}  median ${mbs(pct(b.perSession, 50))}  max ${mbs(max(b.perSession))}; ` +
        `total ${mbs(total / 1e6 / (b.wallMs / 1000))}`,
    ],
    [
      "bulk: the dashboard's CPU time",
      `${secs(b.cpuMs)} CPU for ${(total / 1e6).toFixed(0)} MB: ${(b.cpuMs / (total / 1e6)).toFixed(1)} ms per MB ` +
        `(${mbs(total / 1e6 / (b.cpuMs / 1000))} per CPU-second)`,
    ],
    ["event-loop delay, at rest", `p50 ${ms(r.idleLoop.p50)}  p99 ${ms(r.idleLoop.p99)}  max ${ms(r.idleLoop.max)}`],
    [
      "event-loop delay, during bulk",
      `p50 ${ms(b.loop.p50)}  p99 ${ms(b.loop.p99)}  max ${ms(b.loop.max)} (goal p99 < 100 ms: ` +
        `${b.loop.p99 < 100 ? "met" : "missed"})`,
    ],
    ["GET /api/v1/branches, at rest (own process)", apiText(r.idleOwn)],
    ["GET /api/v1/branches, during bulk (own process)", apiText(b.apiOwn)],
    ["GET /api/v1/branches, at rest (from the bench)", apiText(r.idle)],
    ["GET /api/v1/branches, during bulk (from the bench)", apiText(b.api)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nbench:terminal (${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1))})`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  if (b.failed.length) console.log(`  bulk terminals that did not open: ${b.failed.length}; first: ${b.failed[0]}`);
}

const apiText = (a: ApiLatency) =>
  `p50 ${ms(a.p50)}  p95 ${ms(a.p95)} over ${a.requests} requests` +
  (a.failures ? `; ${a.failures} failed, first: ${a.firstFailure}` : "");

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const min = (xs: number[]) => (xs.length ? Math.min(...xs) : NaN);
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);
const ms = (x: number) => `${x.toFixed(2)} ms`;
const mbs = (x: number) => `${x.toFixed(1)} MB/s`;
const secs = (x: number) => `${(x / 1000).toFixed(1)} s`;
const loadNow = () => os.loadavg()[0]!.toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => console.error(`bench:terminal: ${m}`);

main().catch((e) => {
  console.error(`bench:terminal: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});

/**
 * `npm run bench:pages -- [--hosts 10000] [--branches 400] [--runs 5] [--provider sqlite]`
 *
 * The health and fleet pages at fleet scale (issue 12), against the production build
 * (`next build` first): a throwaway dashboard (scripts/dashboard-server.ts) seeded with N
 * hosts across B branches, each with a gateway, and a health state for every box (mostly
 * ok; support paths broken, hosts down, gateways down with their hosts unreachable, some
 * degraded and silent). Then, printed (never asserted):
 *   - GET /api/v1/health, the server's answer (goal < 300 ms), and ?rows=all (every box) for reference;
 *   - /health in Chromium: from navigation to the first table row and the counts (goal < 1 s);
 *     then frame times while scrolling the 10,000-row table;
 *   - the fleet page / with B branches: from navigation to the first row (goal < 1 s).
 */
import { readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium, type CDPSession, type Page } from "@playwright/test";
import { db } from "../lib/server/db/client";
import { seedHealthStates, seedHealthSweep } from "../lib/testing/seed-health";
import { seedHealthFleet } from "./bench/seed-health-fleet";
import { startDashboard, type Provider } from "./dashboard-server";

const PASSWORD = "bench-pages-password-123";
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const [p50, min, max] = [percentile(s, 0.5), s[0]!, s.at(-1)!].map((v) => v.toFixed(0));
  return `p50 ${p50} ms, min ${min}, max ${max} (${s.length} runs)`;
};

/**
 * CPU milliseconds (user + system) used so far by the server's process group. On a shared,
 * loaded machine wall-clock times mostly measure the queue for a core; CPU time is what the
 * work costs, and what the wall clock would be on an idle core.
 */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // Fields after the ")" of comm: state ppid pgrp ... utime(14) stime(15), 1-based in proc(5).
      const rest = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      if (Number(rest[2]) === pgid) ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      /* gone meanwhile */
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** The renderer's main-thread busy time (CDP Performance.TaskDuration, counted from Performance.enable), in ms. */
const sessions = new WeakMap<Page, CDPSession>();
async function taskMs(page: Page): Promise<number> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    sessions.set(page, cdp);
  }
  const { metrics } = await cdp.send("Performance.getMetrics");
  return (metrics.find((m) => m.name === "TaskDuration")?.value ?? 0) * 1000;
}

/** Busy time between two readings; a navigation that swapped the renderer process starts again from 0. */
const busySince = (before: number, after: number) => (after >= before ? after - before : after);

/**
 * Milliseconds from navigation start until `selector` is in the page (polled each frame),
 * and until the load event has ended (scripts run, the page hydrated).
 */
type Render = { row: number; load: number; serverCpu: number; browserCpu: number };
async function firstRender(page: Page, url: string, selector: string, pgid: number): Promise<Render> {
  const server0 = groupCpuMs(pgid);
  const busy0 = await taskMs(page);
  await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
  const handle = await page.waitForFunction((sel) => document.querySelector(sel) && performance.now(), selector, {
    polling: "raf",
    timeout: 60_000,
  });
  const row = (await handle.jsonValue()) as number;
  await page.waitForLoadState("load");
  const load = await page.evaluate(
    () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
  );
  const serverCpu = groupCpuMs(pgid) - server0;
  return { row, load, serverCpu, browserCpu: busySince(busy0, await taskMs(page)) };
}

/** Frame times while the health table scrolls a long way each frame: smooth is ~16 ms. */
async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const box = document.querySelector('[aria-label="Box health, scrollable"]')!;
    const times: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 120; i++) {
      box.scrollTop += 1500;
      await new Promise((r) => requestAnimationFrame(r));
      const t = performance.now();
      times.push(t - last);
      last = t;
    }
    return times;
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      hosts: { type: "string", default: "10000" },
      branches: { type: "string", default: "400" },
      runs: { type: "string", default: "5" },
      provider: { type: "string", default: "sqlite" },
    },
  });
  const [hosts, branches, runs] = [Number(values.hosts), Number(values.branches), Number(values.runs)];
  const dashboard = await startDashboard({
    provider: values.provider as Provider,
    adminPassword: PASSWORD,
    stdio: "ignore",
    // The scheduler would sweep the seeded boxes (unreachable addresses) meanwhile, and race the seeding.
    env: { BRANCHDESK_HEALTH_SCHEDULER: "off" },
  });
  Object.assign(process.env, { DATABASE_URL: dashboard.env.DATABASE_URL });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  try {
    const t0 = performance.now();
    const states = await seedHealthFleet(db(), hosts, branches);
    const now = new Date();
    await seedHealthStates(db(), states, now);
    await seedHealthSweep(db(), now, states.length);
    for (const code of ["BR-0133", "BR-0266", "BR-0399"].filter((c) => Number(c.slice(3)) <= branches)) {
      await db().healthIncident.create({
        data: { branchCode: code, kind: "gateway-down", summary: "gateway down", boxes: 26, startedAt: now },
      });
    }
    console.log(
      `${hosts} hosts + ${branches} gateways (${states.length} boxes with health) in ${branches} branches on ` +
        `${values.provider}, seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    // Seeding kept this process's event loop busy for seconds: let it see the server close the idle
    // keep-alive socket of the readiness check first, or the next fetch reuses it ("other side closed").
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signIn = await fetch(`${dashboard.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: PASSWORD }),
    });
    const token = /branchdesk_session=([^;]+)/.exec(signIn.headers.getSetCookie().join(", "))?.[1];
    if (!token) throw new Error(`signing in answered ${signIn.status} without a session cookie`);
    const cookie = `branchdesk_session=${token}`;

    console.log(`machine load average at the start of the API runs: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
    const measureApi = async (path: string) => {
      const api: number[] = [];
      const apiCpu: number[] = [];
      let last = "";
      for (let i = 0; i < runs + 2; i++) {
        const started = performance.now();
        const cpu0 = groupCpuMs(dashboard.server.pid!);
        const res = await fetch(`${dashboard.url}${path}`, { headers: { cookie } });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 300)}`);
        if (i >= 2) api.push(performance.now() - started); // two warm-up calls
        if (i >= 2) apiCpu.push(groupCpuMs(dashboard.server.pid!) - cpu0);
        last = text;
      }
      return { api, apiCpu, bytes: last.length, rows: (JSON.parse(last) as { boxes: unknown[] }).boxes.length };
    };
    const attention = await measureApi("/api/v1/health");
    console.log(
      `GET /api/v1/health (${(attention.bytes / 1e6).toFixed(2)} MB, ${attention.rows} rows: the boxes not ok): ` +
        `${stats(attention.api)}   goal < 300 ms`,
    );
    console.log(`  server CPU per answer:             ${stats(attention.apiCpu)}`);
    const all = await measureApi("/api/v1/health?rows=all");
    console.log(
      `GET /api/v1/health?rows=all (${(all.bytes / 1e6).toFixed(2)} MB, ${all.rows} rows), for reference: ` +
        `${stats(all.api)}; server CPU ${stats(all.apiCpu)}`,
    );

    console.log(`machine load average at the start of the page runs: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: "branchdesk_session", value: token, url: dashboard.url }]);
    const page = await context.newPage();
    const origin = dashboard.url;
    const pgid = dashboard.server.pid!;
    await firstRender(page, `${origin}/health`, '[aria-rowindex="2"]', pgid); // warm-up: compile caches, JS chunks
    const health: Render[] = [];
    for (let i = 0; i < runs; i++)
      health.push(await firstRender(page, `${origin}/health`, '[aria-rowindex="2"]', pgid));
    const rowsInDom = await page.locator('table[aria-label="Box health"] tbody tr').count();
    console.log(`/health first row in Chromium:       ${stats(health.map((r) => r.row))}   goal < 1 s`);
    console.log(`  load event end:                    ${stats(health.map((r) => r.load))}`);
    console.log(`  server CPU (page + API):           ${stats(health.map((r) => r.serverCpu))}`);
    console.log(`  browser main-thread busy:          ${stats(health.map((r) => r.browserCpu))}`);
    console.log(`  counts: ${await page.getByTestId("health-counts").innerText()}`);
    console.log(`  rows in the DOM: ${rowsInDom} of ${states.length}`);
    const busy0 = await taskMs(page);
    const frames = (await scrollFrames(page)).sort((a, b) => a - b);
    const busyPerFrame = ((await taskMs(page)) - busy0) / frames.length;
    console.log(
      `  scrolling the table, frame time: p50 ${percentile(frames, 0.5).toFixed(1)} ms, ` +
        `p95 ${percentile(frames, 0.95).toFixed(1)} ms, max ${frames.at(-1)!.toFixed(1)} ms ` +
        `(${frames.length} frames); ` +
        `main thread busy ${busyPerFrame.toFixed(1)} ms per frame`,
    );

    const row = 'table[aria-label="Branches"] tbody tr[aria-rowindex="2"]';
    await firstRender(page, `${origin}/`, row, pgid);
    const fleet: Render[] = [];
    for (let i = 0; i < runs; i++) fleet.push(await firstRender(page, `${origin}/`, row, pgid));
    const fleetRows = await page.locator('table[aria-label="Branches"] tbody tr').count();
    console.log(`fleet page (${branches} branches) first row: ${stats(fleet.map((r) => r.row))}   goal < 1 s`);
    console.log(`  load event end:                    ${stats(fleet.map((r) => r.load))}`);
    console.log(`  server CPU (page):                 ${stats(fleet.map((r) => r.serverCpu))}`);
    console.log(`  browser main-thread busy:          ${stats(fleet.map((r) => r.browserCpu))}`);
    console.log(`  rows in the DOM: ${fleetRows} of ${branches}`);
    await context.close();
  } finally {
    await browser.close();
    await db().$disconnect();
    await dashboard.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

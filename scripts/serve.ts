/**
 * The dashboard's HTTP server, started by scripts/start.ts once the database
 * and keys are ready: Next.js's production server behind a plain node:http
 * server that first pins each request's client address
 * (lib/server/http/client-address.ts). Plain `next start` would let a client
 * name its own X-Forwarded-For and dodge the per-client login limit. It also
 * sets the base security headers on every response and answers what Next.js
 * would turn into a 500 itself (lib/server/http/answer-malformed-request.ts).
 * The web terminal's WebSockets are served here too, on the same port
 * (lib/server/terminal/terminal-socket.ts).
 */
import { writeFileSync } from "node:fs";
import { EventEmitter } from "node:events";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { AppError } from "../lib/server/errors/app-error";
import { answerMalformedRequest, writeJsonError } from "../lib/server/http/answer-malformed-request";
import { pinClientAddress, trustedProxiesFromEnv } from "../lib/server/http/client-address";
import { ROOT } from "./schema-files";

async function main(): Promise<void> {
  (process.env as Record<string, string>).NODE_ENV = "production"; // as `next start` sets it, before Next.js loads
  process.umask(0o077); // SQLite's -wal/-shm and anything else the server writes: private (start.ts sets it too)
  const trusted = trustedProxiesFromEnv();
  const port = Number(process.env.PORT ?? "3000");
  const hostname = process.env.HOSTNAME ?? "0.0.0.0";
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be a port number from 1 to 65535 (got ${JSON.stringify(process.env.PORT)})`);
  const { default: next } = await import("next");
  // Next.js's custom server hooks its own "upgrade" listener onto the server of the first request it
  // handles (req.socket.server) unless given `httpServer`; for a path its routes match (the
  // /api/v1/[...path] catch-all matches the terminal's) it ends the socket, racing the terminal's own
  // upgrade (lib/server/terminal/terminal-socket.ts). Its WebSockets are development-only (HMR): it
  // gets an emitter of its own that never sees an upgrade.
  const nextUpgrades = new EventEmitter() as unknown as Server;
  const app = next({ dev: false, dir: ROOT, hostname, port, httpServer: nextUpgrades });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    if (answerMalformedRequest(req, res)) return;
    pinClientAddress(req, trusted);
    handle(req, res).catch((e: unknown) => {
      console.error("[branchdesk] request failed:", e);
      writeJsonError(res, new AppError("internal", "internal error; the details are in the server log"));
    });
  });
  // Imported after Next.js: they load the generated Prisma client.
  const { attachTerminalSockets } = await import("../lib/server/terminal/terminal-socket");
  const { endAllTerminals } = await import("../lib/server/terminal/live-terminals");
  const { closeStaleTerminals } = await import("../lib/server/terminal/reserve-terminal");
  attachTerminalSockets(server);
  if (process.env.BRANCHDESK_BENCH_METRICS) benchMetrics(process.env.BRANCHDESK_BENCH_METRICS);
  await closeStaleTerminals().catch((e: unknown) => console.error("[branchdesk] closing stale terminals:", e));
  // Health sweeps on a schedule (issue 12); BRANCHDESK_HEALTH_SCHEDULER=off for an instance that only serves.
  if (process.env.BRANCHDESK_HEALTH_SCHEDULER !== "off") {
    const { startHealthScheduler } = await import("../lib/server/health/health-scheduler");
    startHealthScheduler();
  }
  server.on("error", (e) => {
    console.error(`branchdesk: cannot listen on ${hostname}:${port}: ${e.message}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    console.log(
      `branchdesk: listening on http://${hostname}:${port}` +
        `${trusted ? ` (client address: ${trusted} trusted proxy hop(s) in X-Forwarded-For)` : ""}`,
    );
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      // Open terminals are closed with their audit record and recording before the process goes.
      void endAllTerminals("server-stopped", "the dashboard was stopped").finally(() =>
        server.close(() => process.exit(0)),
      );
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}

/**
 * For scripts/bench-terminal.ts only (off unless BRANCHDESK_BENCH_METRICS names a directory): the event
 * loop's delay. Writes serve.pid there; each SIGUSR2 writes event-loop.json (ms, since the previous SIGUSR2) and
 * resets.
 */
function benchMetrics(dir: string): void {
  const resolutionMs = 10;
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  writeFileSync(path.join(dir, "serve.pid"), String(process.pid));
  process.on("SIGUSR2", () => {
    // The histogram holds whole sampling intervals: the delay is what exceeds the resolution.
    const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - resolutionMs);
    const out = { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), samples: h.count };
    writeFileSync(path.join(dir, "event-loop.json"), JSON.stringify(out));
    h.reset();
  });
}

main().catch((e) => {
  console.error(`branchdesk: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});

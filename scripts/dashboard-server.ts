/**
 * A throwaway dashboard for the end-to-end runs and the benchmarks: a fresh
 * database (SQLite in a temp dir, or a new PostgreSQL database), a fresh fleet
 * key, the first admin, then `scripts/start.ts` (migrations, keys, the
 * dashboard's server) on its own port, as its own process group. Needs the
 * production build (`next build`). Used by scripts/e2e-run.ts and
 * scripts/bench-terminal.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./free-port";
import { ROOT } from "./schema-files";

export const PROVIDERS = ["sqlite", "postgresql"] as const;
export type Provider = (typeof PROVIDERS)[number];

export type Dashboard = {
  provider: Provider;
  url: string;
  port: number;
  /** The server's environment (DATABASE_URL, BRANCHDESK_SSH_KEY, PORT...). */
  env: NodeJS.ProcessEnv;
  adminPassword: string;
  /** The fleet key's public half: authorise it on the boxes the dashboard must reach. */
  fleetPubkeyPath: string;
  server: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its temp dir. */
  stop(): Promise<void>;
};

export type StartDashboardOptions = {
  provider: Provider;
  adminPassword: string;
  /** 0 or unset: any free port. */
  port?: number;
  /** Added to the server's environment. */
  env?: Record<string, string>;
  /** Where the server's output goes (default: ours). */
  stdio?: "inherit" | "ignore";
};

async function databaseUrl(provider: Provider, dir: string): Promise<string> {
  if (provider === "sqlite") return `file:${path.join(dir, "branchdesk.db")}`;
  const admin = process.env.BRANCHDESK_TEST_PG_URL;
  if (!admin) throw new Error("BRANCHDESK_TEST_PG_URL is not set (scripts/test.sh starts PostgreSQL and sets it)");
  const name = `bd_e2e_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`the dashboard exited with ${server.exitCode} before answering`);
    let status = 0;
    try {
      status = (await fetch(`${url}/login`)).status;
    } catch {
      /* not up yet */
    }
    // Only an answer while our own child still runs counts: a child that died (EADDRINUSE)
    // means whatever answered is another process.
    await new Promise((r) => setTimeout(r, 100));
    if (status && status < 500 && server.exitCode === null) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the dashboard did not answer at ${url}`);
}

function killGroup(server: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-server.pid!, signal);
  } catch {
    /* already gone */
  }
}

/** Starts a dashboard on a fresh database and waits until it answers. */
export async function startDashboard(opts: StartDashboardOptions): Promise<Dashboard> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bd-e2e-${opts.provider}-`));
  const port = await freePort(opts.port ?? 0);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: await databaseUrl(opts.provider, dir),
    BRANCHDESK_DATA_DIR: path.join(dir, "data"),
    BRANCHDESK_SSH_KEY: path.join(dir, "fleet_ed25519"),
    BRANCHDESK_ADMIN_PASSWORD: opts.adminPassword,
    BRANCHDESK_CONFIRM_TIMEOUT: "20",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    ...opts.env,
  };
  // scripts/start.ts: migrations, first admin, fleet key, then scripts/serve.ts.
  const server = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", opts.stdio ?? "inherit", opts.stdio ?? "inherit"],
    detached: true,
  });
  const stop = async () => {
    killGroup(server, "SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    killGroup(server, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(url, server);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    provider: opts.provider,
    url,
    port,
    env,
    adminPassword: opts.adminPassword,
    fleetPubkeyPath: `${env.BRANCHDESK_SSH_KEY}.pub`,
    server,
    stop,
  };
}

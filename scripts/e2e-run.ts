/**
 * Runs the Playwright specs against the production build (`next build` must
 * have run), once per database: for each provider, a fresh database, a fresh
 * fleet key, the first admin, the dashboard's server on its own port, then
 * `playwright test`, then the server is stopped.
 *   tsx scripts/e2e-run.ts [sqlite|postgresql ...] [-- playwright args]
 * PostgreSQL needs BRANCHDESK_TEST_PG_URL (scripts/test.sh sets it).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./free-port";
import { ROOT } from "./schema-files";

const ADMIN_PASSWORD = "e2e-admin-password-123";
const PROVIDERS = ["sqlite", "postgresql"] as const;
type Provider = (typeof PROVIDERS)[number];

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

async function runOne(provider: Provider, playwrightArgs: string[]): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bd-e2e-${provider}-`));
  const port = await freePort(Number(process.env.E2E_PORT ?? 0));
  const env = {
    ...process.env,
    DATABASE_URL: await databaseUrl(provider, dir),
    BRANCHDESK_SSH_KEY: path.join(dir, "fleet_ed25519"),
    BRANCHDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BRANCHDESK_CONFIRM_TIMEOUT: "20",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
  };
  console.log(`\n== end-to-end on ${provider} (http://127.0.0.1:${port})`);
  // scripts/start.ts: migrations, first admin, fleet key, then scripts/serve.ts.
  const server = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  try {
    await waitForServer(`http://127.0.0.1:${port}`, server);
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test", ...playwrightArgs],
      {
        cwd: ROOT,
        stdio: "inherit",
        env: {
          ...env,
          E2E_BASE_URL: `http://127.0.0.1:${port}`,
          E2E_ADMIN_PASSWORD: ADMIN_PASSWORD,
          E2E_FLEET_PUBKEY: `${env.BRANCHDESK_SSH_KEY}.pub`,
          E2E_PROVIDER: provider,
        },
      },
    );
    return r.status ?? 1;
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    await new Promise((r) => setTimeout(r, 500));
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const dash = process.argv.indexOf("--");
  const args = dash >= 0 ? process.argv.slice(2, dash) : process.argv.slice(2);
  const playwrightArgs = dash >= 0 ? process.argv.slice(dash + 1) : [];
  const providers = (args.length ? args : [...PROVIDERS]) as Provider[];
  const unknown = providers.filter((p) => !PROVIDERS.includes(p));
  if (unknown.length) throw new Error(`unknown database ${unknown.join(", ")}: expected ${PROVIDERS.join(" or ")}`);
  let failed = 0;
  for (const p of providers) if ((await runOne(p, playwrightArgs)) !== 0) failed++;
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

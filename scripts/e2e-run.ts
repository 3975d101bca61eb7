/**
 * Runs the Playwright specs against the production build (`next build` must
 * have run), once per database: for each provider, a fresh database, a fresh
 * fleet key, the first admin, the dashboard's server on its own port
 * (scripts/dashboard-server.ts), then `playwright test`, then the server is stopped.
 *   tsx scripts/e2e-run.ts [sqlite|postgresql ...] [-- playwright args]
 * PostgreSQL needs BRANCHDESK_TEST_PG_URL (scripts/test.sh sets it).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { PROVIDERS, startDashboard, type Provider } from "./dashboard-server";
import { ROOT } from "./schema-files";

const ADMIN_PASSWORD = "e2e-admin-password-123";

async function runOne(provider: Provider, playwrightArgs: string[]): Promise<number> {
  const port = Number(process.env.E2E_PORT ?? 0);
  const dashboard = await startDashboard({ provider, adminPassword: ADMIN_PASSWORD, port });
  console.log(`\n== end-to-end on ${provider} (${dashboard.url})`);
  try {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test", ...playwrightArgs],
      {
        cwd: ROOT,
        stdio: "inherit",
        env: {
          ...dashboard.env,
          E2E_BASE_URL: dashboard.url,
          E2E_ADMIN_PASSWORD: ADMIN_PASSWORD,
          E2E_FLEET_PUBKEY: dashboard.fleetPubkeyPath,
          E2E_PROVIDER: provider,
        },
      },
    );
    return r.status ?? 1;
  } finally {
    await dashboard.stop();
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

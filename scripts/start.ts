/**
 * `npm start`: everything a fresh machine needs to serve the dashboard.
 * Generates the Prisma clients and builds the app when missing, applies
 * migrations (SQLite under ./data by default, PostgreSQL when DATABASE_URL
 * says so), creates the first admin, then runs the dashboard's server
 * (scripts/serve.ts: Next.js behind a server that pins client addresses).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { secureDataFiles } from "../lib/server/config/secure-data-files";
import { sshConfig } from "../lib/server/config/ssh-config";
import { databaseConfig, dataDir } from "../lib/server/db/database-config";
import { generateClients, migrate } from "./prepare-db";
import { ROOT } from "./schema-files";

// Next.js collects anonymous telemetry unless told not to: a bank's dashboard sends nothing out
// (and the build would print its notice at every fresh start). Children inherit it.
process.env.NEXT_TELEMETRY_DISABLED = "1";

async function main(): Promise<void> {
  const config = databaseConfig();
  generateClients();
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")) || process.env.BRANCHDESK_REBUILD === "1") {
    console.log("building the dashboard (first start)...");
    await exec(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"]);
  }
  // From here on every file this process and the server create (the database, its WAL, keys) is private.
  process.umask(0o077);
  const tightened = secureDataFiles({
    dataDir: dataDir(),
    sqliteFile: config.provider === "sqlite" ? config.file : undefined,
    fleetKeyPath: sshConfig().fleetKeyPath,
  });
  for (const p of tightened) console.log(`made ${p} private to this user (it was readable by others)`);
  console.log(`database: ${config.provider === "sqlite" ? config.file : "PostgreSQL"}`);
  migrate();
  // Imported only now: these modules load the generated Prisma clients.
  const { bootstrapAdmin } = await import("../lib/server/auth/bootstrap-admin");
  const { db } = await import("../lib/server/db/client");
  const admin = await bootstrapAdmin(process.env.BRANCHDESK_ADMIN_PASSWORD || undefined);
  if (admin?.generatedPassword) {
    console.log(
      `\n  First start: created user "admin" with password  ${admin.generatedPassword}\n` +
        `  (shown once; set BRANCHDESK_ADMIN_PASSWORD to choose it)\n`,
    );
  } else if (admin) {
    console.log(`created user "admin" with the password from BRANCHDESK_ADMIN_PASSWORD`);
  }
  await db().$disconnect();
  const { ensureFleetKey } = await import("../lib/server/config/ensure-fleet-key");
  const fleet = ensureFleetKey(sshConfig().fleetKeyPath);
  if (fleet.created)
    console.log(
      `created the fleet SSH key ${sshConfig().fleetKeyPath}; ` +
        `install its public half on gateways and hosts:\n  ${fleet.publicKey}`,
    );
  // PORT, HOSTNAME and BRANCHDESK_TRUSTED_PROXIES are read there.
  const server = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "scripts", "serve.ts")],
    { stdio: "inherit", cwd: ROOT },
  );
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
  server.on("exit", (code) => process.exit(code ?? 0));
}

function exec(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", cwd: ROOT });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? cmd)} exited with ${code}`)),
    );
  });
}

main().catch((e) => {
  console.error(`branchdesk: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});

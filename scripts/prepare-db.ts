/**
 * Database chores shared by `npm start`, `npm run build` and the tests:
 *   generate  - generate both Prisma clients (the app imports both)
 *   migrate   - apply committed migrations to the configured database
 * Usage: tsx scripts/prepare-db.ts generate|migrate
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { databaseConfig } from "../lib/server/db/database-config";
import { PROVIDERS, ROOT } from "./schema-files";

const prisma = path.join(ROOT, "node_modules", "prisma", "build", "index.js");

// Prisma 6.19 warns at every run that the schema's datasource `url` is unused with a driver
// adapter; the offline CLI needs that placeholder (without it, it downloads an engine), so the
// warning is replaced by one line of ours.
const URL_WARNING = /\n?WARNING: Your schema specifies the following datasource properties[\s\S]*?driver adapters\.\n/;
const URL_NOTE = "(the schema's datasource url is a placeholder the offline Prisma CLI needs: the adapter's is used)\n";

export const explainUrlWarning = (output: string) => output.replace(URL_WARNING, URL_NOTE);

function run(args: string[]): void {
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  const r = spawnSync(process.execPath, [prisma, ...args], { cwd: ROOT, env, encoding: "utf8", stdio: "pipe" });
  process.stdout.write(explainUrlWarning(r.stdout));
  process.stderr.write(explainUrlWarning(r.stderr));
  if (r.status !== 0) throw new Error(`prisma ${args[0]} exited with ${r.status ?? r.signal}`);
}

export function generateClients(force = false): void {
  for (const p of PROVIDERS) {
    if (!force && existsSync(path.join(ROOT, "prisma", "generated", p, "client.ts"))) continue;
    run(["generate", "--config", `prisma/${p}/prisma.config.ts`]);
  }
}

export function migrate(): void {
  const { provider } = databaseConfig();
  run(["migrate", "deploy", "--config", `prisma/${provider}/prisma.config.ts`]);
}

if (require.main === module) {
  const verb = process.argv[2];
  if (verb === "generate") generateClients(true);
  else if (verb === "migrate") migrate();
  else {
    console.error("usage: tsx scripts/prepare-db.ts generate|migrate");
    process.exit(2);
  }
}

/**
 * Database chores shared by `npm start`, `npm run build` and the tests:
 *   generate  - generate both Prisma clients (the app imports both)
 *   migrate   - apply committed migrations to the configured database
 * Usage: tsx scripts/prepare-db.ts generate|migrate
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { databaseConfig } from "../lib/server/db/database-config";
import { PROVIDERS, ROOT } from "./schema-files";

const prisma = path.join(ROOT, "node_modules", "prisma", "build", "index.js");

function run(args: string[]): void {
  execFileSync(process.execPath, [prisma, ...args], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" } });
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

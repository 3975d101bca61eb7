import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseConfig } from "../../lib/server/db/database-config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, "schema.prisma"),
  migrations: { path: path.join(__dirname, "migrations") },
  async adapter() {
    const config = databaseConfig();
    if (config.provider !== "sqlite") throw new Error("prisma/sqlite config used with a PostgreSQL DATABASE_URL");
    mkdirSync(path.dirname(config.file), { recursive: true });
    return new PrismaBetterSQLite3({ url: `file:${config.file}` });
  },
});

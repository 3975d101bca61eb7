import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseConfig } from "../../lib/server/db/database-config";
import { PgCliClient, pgPoolConfig } from "../../lib/server/db/pg-cli-client";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, "schema.prisma"),
  migrations: { path: path.join(__dirname, "migrations") },
  async adapter() {
    const config = databaseConfig();
    // `migrate diff` between schema files loads the adapter but never connects;
    // any command that does connect fails clearly on the placeholder.
    const url = config.provider === "postgresql" ? config.url : "postgresql://set-DATABASE_URL@localhost:1/none";
    return new PrismaPg({ ...pgPoolConfig(url), Client: PgCliClient });
  },
});

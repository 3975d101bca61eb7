import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createDb, tuneSqlite, type Db } from "@/lib/server/db/client";
import type { DatabaseConfig } from "@/lib/server/db/database-config";

export const TEST_PROVIDERS = ["sqlite", "postgresql"] as const;
export type TestProvider = (typeof TEST_PROVIDERS)[number];

const ROOT = path.resolve(__dirname, "../..");

function migrationScripts(provider: TestProvider): string[] {
  const dir = path.join(ROOT, "prisma", provider, "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}

/** Admin URL of the PostgreSQL that scripts/test.sh starts; tests fail without it. */
export function testPgAdminUrl(): string {
  const url = process.env.BRANCHDESK_TEST_PG_URL;
  if (!url) {
    throw new Error(
      "BRANCHDESK_TEST_PG_URL is not set: run the tests with `npm test` (it starts PostgreSQL) or export it",
    );
  }
  return url;
}

export type TestDb = { db: Db; config: DatabaseConfig; drop(): Promise<void> };

/**
 * A fresh, migrated, empty database of the given provider. The committed
 * migrations are applied as-is (the same SQL `prisma migrate deploy` runs).
 */
export async function createTestDb(provider: TestProvider): Promise<TestDb> {
  if (process.env.BRANCHDESK_TEST_TIER === "pure") {
    throw new Error("a pure test opened a database: name the file *.int.test.ts (see lib/testing/tiers.ts)");
  }
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bd-test-"));
    const file = path.join(dir, "test.db");
    const raw = new Database(file);
    for (const sql of migrationScripts(provider)) raw.exec(sql);
    raw.close();
    const config: DatabaseConfig = { provider, file };
    const db = createDb(config);
    await tuneSqlite(db);
    return {
      db,
      config,
      drop: async () => {
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = new URL(testPgAdminUrl());
  const name = `bd_test_${randomBytes(6).toString("hex")}`;
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${name}`);
  await adminClient.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  for (const sql of migrationScripts(provider)) await client.query(sql);
  await client.end();
  const config: DatabaseConfig = { provider, url: url.toString() };
  const db = createDb(config);
  return {
    db,
    config,
    drop: async () => {
      await db.$disconnect();
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const globalForDb = globalThis as unknown as { branchdeskDb?: Db };

/** Points the process-wide db() at a test database for the duration of a suite. */
export function installTestDb(testDb: TestDb): void {
  globalForDb.branchdeskDb = testDb.db;
}

import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/prisma/generated/sqlite/client";
import { PrismaClient as PgClient } from "@/prisma/generated/postgresql/client";
import { databaseConfig, type DatabaseConfig } from "./database-config";

/**
 * The model API of both generated clients is the same; the SQLite one's type
 * stands for both so services are written once.
 */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(config: DatabaseConfig = databaseConfig()): Db {
  if (config.provider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: config.url, max: 10 });
    return new PgClient({ adapter }) as unknown as Db;
  }
  mkdirSync(path.dirname(config.file), { recursive: true, mode: 0o700 }); // it holds password hashes
  // busy_timeout: concurrent writers wait rather than fail with SQLITE_BUSY.
  const adapter = new PrismaBetterSQLite3({ url: `file:${config.file}`, timeout: 10_000 });
  return new SqliteClient({ adapter });
}

/** WAL lets readers proceed while a rollout writes its progress. */
export async function tuneSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}

const globalForDb = globalThis as unknown as { branchdeskDb?: Db };

/** The process-wide client (one pool per process, survives Next's dev reloads). */
export function db(): Db {
  globalForDb.branchdeskDb ??= createDb();
  return globalForDb.branchdeskDb;
}

export function isPostgres(config: DatabaseConfig = databaseConfig()): boolean {
  return config.provider === "postgresql";
}

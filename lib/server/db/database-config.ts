import path from "node:path";
import { z } from "zod";

/** Where Branchdesk keeps its data, decided once from the environment. */
export type DatabaseConfig = { provider: "sqlite"; file: string } | { provider: "postgresql"; url: string };

const ZDatabaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^(postgres(ql)?:\/\/|file:)/.test(v), {
      message:
        "DATABASE_URL must start with postgresql:// (PostgreSQL) or file: (SQLite), " +
        "or be unset for the default SQLite file",
    }),
  BRANCHDESK_DATA_DIR: z.string().trim().optional(),
});

/**
 * DATABASE_URL unset -> SQLite file under ./data (or BRANCHDESK_DATA_DIR);
 * file:PATH -> that SQLite file; postgresql://... -> PostgreSQL.
 */
export function databaseConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): DatabaseConfig {
  const parsed = ZDatabaseEnv.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  const url = parsed.data.DATABASE_URL;
  if (url?.startsWith("file:")) return { provider: "sqlite", file: path.resolve(cwd, url.slice("file:".length)) };
  if (url) return { provider: "postgresql", url };
  return { provider: "sqlite", file: path.join(dataDir(env, cwd), "branchdesk.db") };
}

/** Branchdesk's own directory (BRANCHDESK_DATA_DIR, default ./data): the default database and fleet key live there. */
export function dataDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const dir = env.BRANCHDESK_DATA_DIR?.trim();
  return path.resolve(cwd, dir || "data");
}

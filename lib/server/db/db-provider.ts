import type { Db } from "./client";

export type DbProvider = "sqlite" | "postgresql";

/**
 * Which database a client talks to, for the rare query whose SQL must differ
 * (a collation). Read from the client, not from the environment: tests and
 * benchmarks point db() at a database of their own. Prisma keeps the name of
 * its connector on the client and has no public accessor for it; the fleet
 * search's integration test runs on both and fails if this ever answers wrong.
 */
export function dbProvider(database: Db): DbProvider {
  const provider = (database as unknown as { _activeProvider?: unknown })._activeProvider;
  if (provider === "sqlite" || provider === "postgresql") return provider;
  throw new Error(`the Prisma client names an unknown database provider: ${String(provider)}`);
}

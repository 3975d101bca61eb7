import { setTimeout as sleep } from "node:timers/promises";
import { uniqueViolation, type UniqueViolation } from "@/lib/server/errors/unique-violation";
import { db, type Tx } from "./client";

export type WriteOptions = {
  /**
   * A unique violation that only means "someone else took the value we just
   * allocated" (link-local address, guest MAC): re-running the transaction
   * reads the winner's row and allocates the next value.
   */
  retryOnUnique?: (violation: UniqueViolation) => boolean;
};

// Each round of a conflict commits at least one contender; the randomised,
// growing back-off spreads the others out. Measured here: 10 parallel host
// creations in one branch need at most ~8 attempts, 30 need ~10.
const MAX_ATTEMPTS = 16;

/**
 * Every inventory mutation runs here: one SERIALIZABLE transaction holding the
 * invariant check (its reads), the write and the audit event. On PostgreSQL,
 * SERIALIZABLE turns "check, then insert" races (two guests taking one IP, a
 * LAN change stranding a guest added meanwhile, a MAC reused across the Host
 * and Guest tables) into serialization failures (P2034), retried here. SQLite
 * runs one writer at a time, so it never needs to retry.
 */
export async function writeTransaction<T>(work: (tx: Tx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(work, { isolationLevel: "Serializable", maxWait: 15_000, timeout: 30_000 });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !retryable(error, options)) throw error;
      // Full jitter, capped at 1 s: the losers of one round do not retry in lockstep.
      await sleep(Math.random() * Math.min(1000, 20 * 2 ** attempt));
    }
  }
}

function retryable(error: unknown, options: WriteOptions): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2034") return true;
  const violation = uniqueViolation(error);
  return violation !== null && (options.retryOnUnique?.(violation) ?? false);
}

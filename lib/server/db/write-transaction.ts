import { setTimeout as sleep } from "node:timers/promises";
import type { AuditEntityType } from "@/lib/domain/audit/audit-query";
import { recordAuditEvents, type AuditEntry } from "@/lib/server/audit/record-audit-event";
import { auditActorName, type Actor } from "@/lib/server/auth/actor";
import { uniqueViolation, type UniqueViolation } from "@/lib/server/errors/unique-violation";
import { currentRequestId, newRequestId } from "@/lib/server/request-context";
import { db, type Tx } from "./client";

export type WriteOptions = {
  /**
   * A unique violation that only means "someone else took the value we just
   * allocated" (link-local address, guest MAC): re-running the transaction
   * reads the winner's row and allocates the next value.
   */
  retryOnUnique?: (violation: UniqueViolation) => boolean;
};

/**
 * What an event is about. `action` defaults to `<type>.create` (no before),
 * `<type>.delete` (no after) or `<type>.update` (both); anything else says it.
 */
export type AuditEntity = { type: AuditEntityType; id: string | number | null; action?: string };

/**
 * Records an audit event of this transaction: written just before it commits, so
 * the change and its record commit together or not at all. `before`/`after` are
 * plain snapshots (JSON), null for a creation/deletion.
 */
export type Audit = (entity: AuditEntity, before: unknown, after: unknown, summary: string) => void;

/**
 * Waits for a pooled connection and runs this long at most. A burst queues for the pool,
 * and Prisma's defaults (2 s to start, 5 s to finish) turned a few of 30 sign-ins on a busy
 * machine into P2028 errors. The sign-in audit writes, outside writeTransaction, use it too.
 */
export const TRANSACTION_BOUNDS = { maxWait: 15_000, timeout: 30_000 } as const;

// Each round of a conflict commits at least one contender; the randomised,
// growing back-off spreads the others out. Measured here: 10 parallel host
// creations in one branch need at most ~8 attempts, 30 need ~10.
const MAX_ATTEMPTS = 16;

/**
 * Every mutation runs here: one SERIALIZABLE transaction holding the invariant
 * check (its reads), the write and its audit events, which name `actor` and the
 * request's correlation id (request-context.ts; a fresh one outside a request).
 * On PostgreSQL, SERIALIZABLE turns "check, then insert" races (two guests taking
 * one IP, a LAN change stranding a guest added meanwhile, a MAC reused across
 * the Host and Guest tables) into serialization failures (P2034), retried here
 * with the whole of `work`. SQLite runs one writer at a time: it never retries.
 */
export async function writeTransaction<T>(
  actor: Pick<Actor, "username" | "token">,
  work: (tx: Tx, audit: Audit) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  // One id for every attempt and every event of this write.
  const requestId = currentRequestId() ?? newRequestId();
  const actorName = auditActorName(actor);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(
        async (tx) => {
          const events: AuditEntry[] = [];
          const audit: Audit = (entity, before, after, summary) => {
            const action = actionOf(entity, before, after);
            events.push({ actor: actorName, action, entity, before, after, summary, requestId });
          };
          const result = await work(tx, audit);
          await recordAuditEvents(tx, events);
          return result;
        },
        { isolationLevel: "Serializable", ...TRANSACTION_BOUNDS },
      );
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !retryable(error, options)) throw error;
      // Full jitter, capped at 1 s: the losers of one round do not retry in lockstep.
      await sleep(Math.random() * Math.min(1000, 20 * 2 ** attempt));
    }
  }
}

function actionOf(entity: AuditEntity, before: unknown, after: unknown): string {
  if (entity.action) return entity.action;
  if (before == null && after != null) return `${entity.type}.create`;
  if (before != null && after == null) return `${entity.type}.delete`;
  if (before != null && after != null) return `${entity.type}.update`;
  throw new Error(`an audit event of ${entity.type} ${entity.id} with no before, no after and no action`);
}

function retryable(error: unknown, options: WriteOptions): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2034") return true;
  const violation = uniqueViolation(error);
  return violation !== null && (options.retryOnUnique?.(violation) ?? false);
}

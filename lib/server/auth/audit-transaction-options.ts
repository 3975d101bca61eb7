/**
 * For the sign-in audit writes: a burst of sign-ins queues for the connection pool, and
 * Prisma's defaults (2 s to start, 5 s to finish) turned a few of a 30-request burst on a
 * busy machine into P2028 errors instead of audited 401s. The same bounds as writeTransaction.
 */
export const AUDIT_TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

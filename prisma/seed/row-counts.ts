import type { Db } from "@/lib/server/db/client";

/**
 * Row counts of every table a mutation may touch, and the newest audit id:
 * tests compare them before and after to prove "bad input writes nothing" and
 * "one mutation, exactly one audit event".
 */
export async function rowCounts(db: Db) {
  const [branches, gateways, hosts, guests, counters, usedMacs, users, sessions, auditEvents] = await Promise.all([
    db.branch.count(),
    db.gateway.count(),
    db.host.count(),
    db.guest.count(),
    db.counter.count(),
    db.usedMac.count(),
    db.user.count(),
    db.session.count(),
    db.auditEvent.count(),
  ]);
  const counter = await db.counter.findUnique({ where: { name: "guest-mac" } });
  const macCounter = counter?.value ?? null;
  return { branches, gateways, hosts, guests, counters, usedMacs, users, sessions, auditEvents, macCounter };
}

/** Audit events written after `afterId`, oldest first, with before/after parsed. */
export async function auditEventsSince(db: Db, afterId: number) {
  const rows = await db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" } });
  return rows.map((e) => ({
    ...e,
    before: e.before ? JSON.parse(e.before) : null,
    after: e.after ? JSON.parse(e.after) : null,
  }));
}

export async function lastAuditId(db: Db): Promise<number> {
  return (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
}

/** Runs a mutation and returns the audit events it wrote. */
export async function auditedIn(db: Db, mutation: () => Promise<unknown>) {
  const since = await lastAuditId(db);
  await mutation();
  return auditEventsSince(db, since);
}

import { Prisma } from "@/prisma/generated/sqlite/client";
import type { Db } from "@/lib/server/db/client";

/**
 * Claims boxes for one sweep slot: the (slot, boxKey) primary key lets exactly one
 * instance insert each row, so across dashboards on one PostgreSQL each box is probed
 * by one instance per slot. Answers the keys this instance won.
 */
export async function claimLeases(client: Db, slot: string, keys: string[], instanceId: string): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const won = new Set<string>();
  for (let i = 0; i < keys.length; i += 400) {
    const values = keys.slice(i, i + 400).map((k) => Prisma.sql`(${slot}, ${k}, ${instanceId})`);
    const rows = await client.$queryRaw<{ boxKey: string }[]>`INSERT INTO "HealthLease" ("slot", "boxKey", "instanceId")
      VALUES ${Prisma.join(values)} ON CONFLICT ("slot", "boxKey") DO NOTHING RETURNING "boxKey"`;
    for (const r of rows) won.add(r.boxKey);
  }
  return won;
}

/** Slots are ISO times first, so old leases go by a text comparison. */
export async function dropLeasesBefore(client: Db, before: Date): Promise<number> {
  return client.healthLease.deleteMany({ where: { slot: { lt: before.toISOString() } } }).then((r) => r.count);
}

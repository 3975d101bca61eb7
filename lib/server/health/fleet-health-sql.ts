import { Prisma } from "@/prisma/generated/sqlite/client";
import type { Db } from "@/lib/server/db/client";

/**
 * The fleet's boxes joined to their latest state (prisma HealthState, written at ingest), in
 * SQL, so a read of 10,000 boxes moves a few hundred rows, not 10,000: a box's state is its
 * stored status, "silent" once not refreshed since `staleBefore`, "unknown" when never checked.
 * Hosts and gateways are two queries (no UNION, so each column keeps its declared type).
 */
const KINDS = {
  host: { table: "Host", live: Prisma.sql`b."state" <> 'retired'` },
  gateway: { table: "Gateway", live: Prisma.sql`1 = 1` },
} as const;
type Kind = keyof typeof KINDS;

const from = (kind: Kind) =>
  Prisma.raw(`FROM "${KINDS[kind].table}" b LEFT JOIN "HealthState" s ON s."boxKey" = '${kind}:' || b."id"`);

const effective = (staleBefore: Date) =>
  Prisma.sql`CASE WHEN s."checkedAt" IS NULL THEN 'unknown' WHEN s."checkedAt" < ${staleBefore} THEN 'silent'
    ELSE s."status" END`;

export type BranchStatusCount = { branchId: number; status: string; n: number };

/** Boxes per branch and effective state (a few rows per branch). */
export async function countByBranchAndStatus(client: Db, staleBefore: Date): Promise<BranchStatusCount[]> {
  const one = async (kind: Kind) => {
    const rows = await client.$queryRaw<{ branchId: number; status: string; n: bigint | number }[]>(
      Prisma.sql`SELECT b."branchId" AS "branchId", ${effective(staleBefore)} AS "status", COUNT(*) AS "n"
        ${from(kind)} WHERE ${KINDS[kind].live} GROUP BY 1, 2`,
    );
    return rows.map((r) => ({ branchId: Number(r.branchId), status: r.status, n: Number(r.n) }));
  };
  const [hosts, gateways] = await Promise.all([one("host"), one("gateway")]);
  return [...gateways, ...hosts];
}

export type FleetRow = {
  kind: Kind;
  id: number;
  name: string;
  branchId: number;
  status: string | null;
  summary: string | null;
  supportMs: number | null;
  checkedAt: Date | null;
  lastSeenAt: Date | null;
  silentSince: Date | null;
  incidentId: number | null;
};

/** Boxes with their state: of some branches (null: all), and only those not ok when `attention`. */
export async function loadFleetRows(
  client: Db,
  o: { staleBefore: Date; branchIds: number[] | null; attention: boolean },
): Promise<FleetRow[]> {
  const one = async (kind: Kind) => {
    const where = [KINDS[kind].live];
    if (o.branchIds) where.push(Prisma.sql`b."branchId" IN (${Prisma.join(o.branchIds)})`);
    if (o.attention) where.push(Prisma.sql`${effective(o.staleBefore)} <> 'ok'`);
    const rows = await client.$queryRaw<Omit<FleetRow, "kind">[]>(
      Prisma.sql`SELECT b."id" AS "id", b."hostname" AS "name", b."branchId" AS "branchId", s."status" AS "status",
        s."summary" AS "summary", s."supportMs" AS "supportMs", s."checkedAt" AS "checkedAt",
        s."lastSeenAt" AS "lastSeenAt", s."silentSince" AS "silentSince", s."incidentId" AS "incidentId"
        ${from(kind)} WHERE ${Prisma.join(where, " AND ")}`,
    );
    return rows.map((r) => ({
      ...r,
      kind,
      id: Number(r.id),
      branchId: Number(r.branchId),
      supportMs: r.supportMs === null ? null : Number(r.supportMs),
      incidentId: r.incidentId === null ? null : Number(r.incidentId),
    }));
  };
  if (o.branchIds?.length === 0) return [];
  const [hosts, gateways] = await Promise.all([one("host"), one("gateway")]);
  return [...gateways, ...hosts];
}

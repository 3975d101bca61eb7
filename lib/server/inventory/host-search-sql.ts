/**
 * The fleet search as SQL: one range scan per lookup (lib/domain/inventory/
 * host-search.ts), each on an index over the same expression (hostname, the
 * MACs, lower(serial), the addresses, lower() of the guest's name and domain),
 * united, each host kept once with its best rank, ordered and paged in the
 * database. On PostgreSQL every comparison is in the C collation, which is
 * code-point order like SQLite's BINARY: under a language collation a range is
 * not a prefix (migration 20261130160509_fleet_search_indexes).
 */
import { matchRank, prefixRange, type SearchField, type SearchLookup } from "@/lib/domain/inventory/host-search";
import type { DbProvider } from "@/lib/server/db/db-provider";
import { Prisma } from "@/prisma/generated/sqlite/client";

type Source = { from: string; hostId: string; sqlite: string; postgresql: string };

const host = { from: `"Host" h`, hostId: `h."id"` };
const guest = { from: `"Guest" g`, hostId: `g."hostId"` };

/** Where each field lives and the indexed expression the search compares, per database. */
const SOURCES: Record<SearchField, Source> = {
  hostname: { ...host, sqlite: `h."hostname"`, postgresql: `h."hostname" COLLATE "C"` },
  nicMac: { ...host, sqlite: `h."nicMac"`, postgresql: `h."nicMac" COLLATE "C"` },
  serial: { ...host, sqlite: `lower(h."serial")`, postgresql: `lower(h."serial" COLLATE "C")` },
  linkLocalIp: { ...host, sqlite: `h."linkLocalIp"`, postgresql: `h."linkLocalIp" COLLATE "C"` },
  guestName: { ...guest, sqlite: `lower(g."name")`, postgresql: `lower(g."name" COLLATE "C")` },
  guestDomain: { ...guest, sqlite: `lower(g."domain")`, postgresql: `lower(g."domain" COLLATE "C")` },
  guestIp: { ...guest, sqlite: `g."ip"`, postgresql: `g."ip" COLLATE "C"` },
  guestMac: { ...guest, sqlite: `g."mac"`, postgresql: `g."mac" COLLATE "C"` },
};

/** One lookup: the hosts whose field equals or starts with the value, with the rank of that match. */
function lookupSql(provider: DbProvider, { field, value }: SearchLookup): Prisma.Sql {
  const source = SOURCES[field];
  const key = Prisma.raw(source[provider]);
  const { lo, hi } = prefixRange(value);
  // Ranks are our own integers, written into the SQL: as parameters PostgreSQL would type them as text.
  const exact = Prisma.raw(String(matchRank(field, true)));
  const prefix = Prisma.raw(String(matchRank(field, false)));
  const below = hi === null ? Prisma.empty : Prisma.sql` AND ${key} < ${hi}`;
  return Prisma.sql`SELECT ${Prisma.raw(source.hostId)} AS "hostId",
      CASE WHEN ${key} = ${value} THEN ${exact} ELSE ${prefix} END AS "rank"
    FROM ${Prisma.raw(source.from)} WHERE ${key} >= ${lo}${below}`;
}

function matchesSql(provider: DbProvider, lookups: SearchLookup[]): Prisma.Sql {
  if (lookups.length === 0) throw new Error("a host search needs at least one lookup");
  const each = Prisma.join(
    lookups.map((l) => lookupSql(provider, l)),
    "\n    UNION ALL\n    ",
  );
  return Prisma.sql`WITH "m" AS (
    ${each}
  ), "best" AS (SELECT "hostId", MIN("rank") AS "rank" FROM "m" GROUP BY "hostId")`;
}

/** A page of matching hosts (best rank first, then hostname), each row with the total over all pages. */
export function hostSearchPageSql(
  provider: DbProvider,
  lookups: SearchLookup[],
  page: { limit: number; offset: number },
): Prisma.Sql {
  const hostname = Prisma.raw(SOURCES.hostname[provider]);
  return Prisma.sql`${matchesSql(provider, lookups)}
  SELECT b."hostId", b."rank", COUNT(*) OVER () AS "total"
  FROM "best" b JOIN "Host" h ON h."id" = b."hostId"
  ORDER BY b."rank", ${hostname}, h."id"
  LIMIT ${page.limit} OFFSET ${page.offset}`;
}

/** How many hosts match: for a page past the last, which has no row to carry the total. */
export function hostSearchCountSql(provider: DbProvider, lookups: SearchLookup[]): Prisma.Sql {
  return Prisma.sql`${matchesSql(provider, lookups)}
  SELECT COUNT(*) AS "total" FROM "best"`;
}

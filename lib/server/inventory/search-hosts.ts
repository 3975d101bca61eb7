import { ZHostState } from "@/lib/domain/inventory/host-input";
import { rankMatch, searchLookups, type HostSearchQuery } from "@/lib/domain/inventory/host-search";
import type { HostSearchItem, HostSearchResponse } from "@/lib/domain/inventory/host-search-views";
import { db } from "@/lib/server/db/client";
import { dbProvider } from "@/lib/server/db/db-provider";
import { hostSearchCountSql, hostSearchPageSql } from "./host-search-sql";

type MatchRow = { hostId: number | bigint; rank: number | bigint; total: number | bigint };

/**
 * The fleet-wide search (issue 10): hosts whose hostname, guest name or
 * domain, guest IP, either MAC, serial or link-local address equals or starts
 * with `q`, exact matches first. Two statements on the indexes, whatever the
 * fleet's size: the ranked page of ids (with the total), then those hosts with
 * their branch and guest. Link-local addresses repeat in every branch, so each
 * result names its branch.
 */
export async function searchHosts(query: HostSearchQuery): Promise<HostSearchResponse> {
  const database = db();
  const provider = dbProvider(database);
  const lookups = searchLookups(query.q);
  const offset = (query.page - 1) * query.pageSize;
  const rows = await database.$queryRaw<MatchRow[]>(
    hostSearchPageSql(provider, lookups, { limit: query.pageSize, offset }),
  );
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && offset > 0) {
    const [count] = await database.$queryRaw<Pick<MatchRow, "total">[]>(hostSearchCountSql(provider, lookups));
    total = Number(count?.total ?? 0);
  }
  const ids = rows.map((r) => Number(r.hostId));
  const hosts = await database.host.findMany({
    where: { id: { in: ids } },
    include: { branch: { select: { code: true, name: true } }, guest: true },
  });
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const items: HostSearchItem[] = [];
  for (const row of rows) {
    // A host deleted between the two statements is left out, not answered half-read.
    const h = byId.get(Number(row.hostId));
    if (!h) continue;
    items.push({
      id: h.id,
      hostname: h.hostname,
      state: ZHostState.catch("planned").parse(h.state),
      serial: h.serial,
      nicMac: h.nicMac,
      linkLocalIp: h.linkLocalIp,
      branch: { code: h.branch.code, name: h.branch.name },
      guest: h.guest && { name: h.guest.name, domain: h.guest.domain, ip: h.guest.ip, mac: h.guest.mac },
      matched: rankMatch(Number(row.rank)),
    });
  }
  return { q: query.q, total, page: query.page, pageSize: query.pageSize, items };
}

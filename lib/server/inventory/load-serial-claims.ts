import type { Claim } from "@/lib/domain/inventory/claim";
import type { Tx } from "@/lib/server/db/client";

/**
 * Hosts whose serial is `serial` in any case ("sn-1" claims "SN-1"). Raw SQL
 * because Prisma's case-insensitive filter exists on PostgreSQL only; lower()
 * agrees on both databases for the ASCII serials zSerial allows, and it is the
 * expression of the unique index that backs this check up (migration
 * 20261130132207_host_serial_case_insensitive).
 */
export async function loadSerialClaims(tx: Tx, serial: string, self: { hostId?: number } = {}): Promise<Claim[]> {
  const rows = await tx.$queryRaw<{ serial: string; hostname: string }[]>`
    SELECT "serial", "hostname" FROM "Host" WHERE lower("serial") = lower(${serial}) AND "id" <> ${self.hostId ?? 0}`;
  return rows.map((h) => ({ value: h.serial, owner: `host ${h.hostname}` }));
}

-- Serials are unique whatever their case ("sn-1" and "SN-1" are one machine's
-- sticker typed twice). Prisma's schema cannot express an index on an
-- expression, so this one lives only here; the service checks the same thing
-- first (lib/server/inventory/load-serial-claims.ts) and this is the backstop.
-- Fails on a database that already holds two serials differing only in case:
-- rename one of them, then deploy again.
CREATE UNIQUE INDEX "Host_serial_lower_key" ON "Host"(lower("serial"));

-- Serials are unique whatever their case: "sn-1" and "SN-1" are the sticker of
-- one machine typed twice. The Prisma schema cannot express an index on an
-- expression, so this one lives only in the migrations. The service checks the
-- same thing first (lib/server/inventory/load-serial-claims.ts), this is the
-- backstop. It fails on a database that already holds two serials differing
-- only in case: rename one of them, then deploy again.
-- (No semicolons or quotes in these comments: the pg adapter splits scripts on them.)
CREATE UNIQUE INDEX "Host_serial_lower_key" ON "Host"(lower("serial"));

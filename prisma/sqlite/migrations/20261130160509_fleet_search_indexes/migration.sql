-- Fleet search (issue 10, lib/server/inventory/search-hosts.ts) finds a guest by its
-- name or libvirt domain in any case, exact or by prefix, as a range on the lower-cased
-- value. The Prisma schema cannot express an index on an expression, so these live
-- only in the migrations, like Host_serial_lower_key. Every other field the search
-- reads already has an index SQLite can range-scan (BINARY collation is code-point
-- order): hostname, nicMac, lower(serial), linkLocalIp, Guest ip and mac.
-- (No semicolons or quotes in these comments: the pg adapter splits scripts on them.)
CREATE INDEX "Guest_name_lower_idx" ON "Guest"(lower("name"));
CREATE INDEX "Guest_domain_lower_idx" ON "Guest"(lower("domain"));

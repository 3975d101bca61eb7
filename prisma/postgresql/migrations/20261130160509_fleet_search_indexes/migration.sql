-- Fleet search (issue 10, lib/server/inventory/search-hosts.ts) matches each field
-- exactly or by prefix, as a range [q, successor of q) in code-point order. Under the
-- database default collation (en_US and the like) a range is not a prefix: letters
-- compare by language rules and punctuation is all but ignored. So the search compares
-- in the C collation, and these indexes, in that collation and on the same expressions,
-- answer it (lower() inside COLLATE C folds ASCII only, as SQLite does). The Prisma
-- schema cannot express them, so they live only in the migrations, like
-- Host_serial_lower_key.
-- (No semicolons or quotes in these comments: the pg adapter splits scripts on them.)
CREATE INDEX "Host_hostname_c_idx" ON "Host"("hostname" COLLATE "C");
CREATE INDEX "Host_nicMac_c_idx" ON "Host"("nicMac" COLLATE "C");
CREATE INDEX "Host_serial_lower_c_idx" ON "Host"(lower("serial" COLLATE "C"));
CREATE INDEX "Host_linkLocalIp_c_idx" ON "Host"("linkLocalIp" COLLATE "C");
CREATE INDEX "Guest_name_lower_c_idx" ON "Guest"(lower("name" COLLATE "C"));
CREATE INDEX "Guest_domain_lower_c_idx" ON "Guest"(lower("domain" COLLATE "C"));
CREATE INDEX "Guest_ip_c_idx" ON "Guest"("ip" COLLATE "C");
CREATE INDEX "Guest_mac_c_idx" ON "Guest"("mac" COLLATE "C");

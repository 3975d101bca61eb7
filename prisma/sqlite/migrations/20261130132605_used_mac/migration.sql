-- CreateTable
CREATE TABLE "UsedMac" (
    "mac" TEXT NOT NULL PRIMARY KEY,
    "firstUsedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Remember every 52:54:00 MAC the inventory holds or ever held: the live rows,
-- and the MACs the audit log recorded for hosts and guests since deleted or
-- re-addressed (before and after of every host.* and guest.* event).
INSERT OR IGNORE INTO "UsedMac" ("mac") SELECT "nicMac" FROM "Host" WHERE "nicMac" LIKE '52:54:00:%';
INSERT OR IGNORE INTO "UsedMac" ("mac") SELECT "mac" FROM "Guest" WHERE "mac" LIKE '52:54:00:%';
INSERT OR IGNORE INTO "UsedMac" ("mac")
SELECT "mac" FROM (
    SELECT json_extract(j, '$.mac') AS "mac" FROM (SELECT "before" AS j FROM "AuditEvent" WHERE "entityType" = 'guest' UNION ALL SELECT "after" FROM "AuditEvent" WHERE "entityType" = 'guest') WHERE json_valid(j)
    UNION
    SELECT json_extract(j, '$.nicMac') FROM (SELECT "before" AS j FROM "AuditEvent" WHERE "entityType" = 'host' UNION ALL SELECT "after" FROM "AuditEvent" WHERE "entityType" = 'host') WHERE json_valid(j)
    UNION
    SELECT json_extract(j, '$.guest.mac') FROM (SELECT "before" AS j FROM "AuditEvent" WHERE "entityType" = 'host' UNION ALL SELECT "after" FROM "AuditEvent" WHERE "entityType" = 'host') WHERE json_valid(j)
) WHERE "mac" LIKE '52:54:00:%';

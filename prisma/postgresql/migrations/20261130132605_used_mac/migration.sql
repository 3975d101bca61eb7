-- CreateTable
CREATE TABLE "UsedMac" (
    "mac" TEXT NOT NULL,
    "firstUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsedMac_pkey" PRIMARY KEY ("mac")
);

-- Remember every 52:54:00 MAC the inventory holds or ever held: the live rows,
-- and the MACs the audit log recorded for hosts and guests since deleted or
-- re-addressed (before and after of every host.* and guest.* event, which the
-- dashboard writes with JSON.stringify, so they cast to jsonb).
-- (No semicolons or quotes in these comments: the pg adapter splits scripts on them.)
INSERT INTO "UsedMac" ("mac")
SELECT "mac" FROM (
    SELECT "nicMac" AS "mac" FROM "Host"
    UNION SELECT "mac" FROM "Guest"
    UNION SELECT j ->> 'mac' FROM (SELECT "before"::jsonb AS j FROM "AuditEvent" WHERE "entityType" = 'guest' UNION ALL SELECT "after"::jsonb FROM "AuditEvent" WHERE "entityType" = 'guest') AS g
    UNION SELECT j ->> 'nicMac' FROM (SELECT "before"::jsonb AS j FROM "AuditEvent" WHERE "entityType" = 'host' UNION ALL SELECT "after"::jsonb FROM "AuditEvent" WHERE "entityType" = 'host') AS h
    UNION SELECT j -> 'guest' ->> 'mac' FROM (SELECT "before"::jsonb AS j FROM "AuditEvent" WHERE "entityType" = 'host' UNION ALL SELECT "after"::jsonb FROM "AuditEvent" WHERE "entityType" = 'host') AS hg
) AS used
WHERE "mac" LIKE '52:54:00:%'
ON CONFLICT DO NOTHING;

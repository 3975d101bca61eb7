-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_NatAudit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "boxKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "boxName" TEXT NOT NULL,
    "branchCode" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "digest" TEXT,
    "iptablesText" TEXT,
    "ebtablesText" TEXT,
    "ebtablesFormat" TEXT,
    "uptimeSeconds" REAL,
    "previousId" INTEGER,
    "counts" TEXT NOT NULL DEFAULT '{}',
    "rules" TEXT NOT NULL DEFAULT '[]',
    "drift" TEXT NOT NULL DEFAULT '[]',
    "ruleCount" INTEGER NOT NULL DEFAULT 0,
    "driftCount" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_NatAudit" ("at", "boxKey", "boxName", "branchCode", "counts", "createdBy", "digest", "drift", "ebtablesFormat", "ebtablesText", "error", "id", "iptablesText", "kind", "previousId", "rules", "runId", "status", "uptimeSeconds") SELECT "at", "boxKey", "boxName", "branchCode", "counts", "createdBy", "digest", "drift", "ebtablesFormat", "ebtablesText", "error", "id", "iptablesText", "kind", "previousId", "rules", "runId", "status", "uptimeSeconds" FROM "NatAudit";
DROP TABLE "NatAudit";
ALTER TABLE "new_NatAudit" RENAME TO "NatAudit";
CREATE INDEX "NatAudit_boxKey_at_idx" ON "NatAudit"("boxKey", "at");
CREATE INDEX "NatAudit_branchCode_at_idx" ON "NatAudit"("branchCode", "at");
CREATE INDEX "NatAudit_at_idx" ON "NatAudit"("at");
CREATE INDEX "NatAudit_runId_idx" ON "NatAudit"("runId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


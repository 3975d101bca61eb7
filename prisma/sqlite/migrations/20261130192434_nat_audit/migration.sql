-- CreateTable
CREATE TABLE "NatAudit" (
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
    "drift" TEXT NOT NULL DEFAULT '[]'
);

-- CreateIndex
CREATE INDEX "NatAudit_boxKey_at_idx" ON "NatAudit"("boxKey", "at");

-- CreateIndex
CREATE INDEX "NatAudit_branchCode_at_idx" ON "NatAudit"("branchCode", "at");

-- CreateIndex
CREATE INDEX "NatAudit_at_idx" ON "NatAudit"("at");

-- CreateIndex
CREATE INDEX "NatAudit_runId_idx" ON "NatAudit"("runId");


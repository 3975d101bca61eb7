-- CreateTable
CREATE TABLE "HealthState" (
    "boxKey" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "boxId" INTEGER NOT NULL,
    "branchCode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "summary" TEXT NOT NULL DEFAULT 'never checked',
    "checks" TEXT NOT NULL DEFAULT '[]',
    "supportMs" REAL,
    "checkedAt" DATETIME,
    "lastSeenAt" DATETIME,
    "silentSince" DATETIME,
    "incidentId" INTEGER,
    "counters" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "HealthEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "boxKey" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "durationMs" INTEGER,
    "incidentId" INTEGER
);

-- CreateTable
CREATE TABLE "HealthIncident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "branchCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "rolloutId" INTEGER,
    "boxes" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "HealthSample" (
    "boxKey" TEXT NOT NULL,
    "resolution" TEXT NOT NULL,
    "blockStart" DATETIME NOT NULL,
    "points" TEXT NOT NULL,

    PRIMARY KEY ("boxKey", "resolution", "blockStart")
);

-- CreateTable
CREATE TABLE "HealthSweep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slot" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "boxes" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "HealthLease" (
    "slot" TEXT NOT NULL,
    "boxKey" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("slot", "boxKey")
);

-- CreateTable
CREATE TABLE "HealthSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 300,
    "rawRetentionDays" INTEGER NOT NULL DEFAULT 14,
    "hourRetentionDays" INTEGER NOT NULL DEFAULT 180,
    "eventRetentionDays" INTEGER NOT NULL DEFAULT 180,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL DEFAULT 'system'
);

-- CreateTable
CREATE TABLE "HealthWebhookDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME
);

-- CreateIndex
CREATE INDEX "HealthState_status_idx" ON "HealthState"("status");

-- CreateIndex
CREATE INDEX "HealthState_branchCode_idx" ON "HealthState"("branchCode");

-- CreateIndex
CREATE INDEX "HealthEvent_boxKey_startedAt_idx" ON "HealthEvent"("boxKey", "startedAt");

-- CreateIndex
CREATE INDEX "HealthEvent_startedAt_idx" ON "HealthEvent"("startedAt");

-- CreateIndex
CREATE INDEX "HealthEvent_boxKey_check_endedAt_idx" ON "HealthEvent"("boxKey", "check", "endedAt");

-- CreateIndex
CREATE INDEX "HealthIncident_branchCode_endedAt_idx" ON "HealthIncident"("branchCode", "endedAt");

-- CreateIndex
CREATE INDEX "HealthIncident_endedAt_idx" ON "HealthIncident"("endedAt");

-- CreateIndex
CREATE INDEX "HealthSample_resolution_blockStart_idx" ON "HealthSample"("resolution", "blockStart");

-- CreateIndex
CREATE INDEX "HealthSweep_startedAt_idx" ON "HealthSweep"("startedAt");

-- CreateIndex
CREATE INDEX "HealthLease_at_idx" ON "HealthLease"("at");

-- CreateIndex
CREATE INDEX "HealthWebhookDelivery_status_nextAttemptAt_idx" ON "HealthWebhookDelivery"("status", "nextAttemptAt");


-- CreateTable
CREATE TABLE "HealthState" (
    "boxKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "boxId" INTEGER NOT NULL,
    "branchCode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "summary" TEXT NOT NULL DEFAULT 'never checked',
    "checks" TEXT NOT NULL DEFAULT '[]',
    "supportMs" DOUBLE PRECISION,
    "checkedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),
    "silentSince" TIMESTAMP(3),
    "incidentId" INTEGER,
    "counters" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HealthState_pkey" PRIMARY KEY ("boxKey")
);

-- CreateTable
CREATE TABLE "HealthEvent" (
    "id" SERIAL NOT NULL,
    "boxKey" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "incidentId" INTEGER,

    CONSTRAINT "HealthEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthIncident" (
    "id" SERIAL NOT NULL,
    "branchCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "rolloutId" INTEGER,
    "boxes" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "HealthIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthSample" (
    "boxKey" TEXT NOT NULL,
    "resolution" TEXT NOT NULL,
    "blockStart" TIMESTAMP(3) NOT NULL,
    "points" TEXT NOT NULL,

    CONSTRAINT "HealthSample_pkey" PRIMARY KEY ("boxKey","resolution","blockStart")
);

-- CreateTable
CREATE TABLE "HealthSweep" (
    "id" SERIAL NOT NULL,
    "slot" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "boxes" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "HealthSweep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthLease" (
    "slot" TEXT NOT NULL,
    "boxKey" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HealthLease_pkey" PRIMARY KEY ("slot","boxKey")
);

-- CreateTable
CREATE TABLE "HealthSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 300,
    "rawRetentionDays" INTEGER NOT NULL DEFAULT 14,
    "hourRetentionDays" INTEGER NOT NULL DEFAULT 180,
    "eventRetentionDays" INTEGER NOT NULL DEFAULT 180,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL DEFAULT 'system',

    CONSTRAINT "HealthSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthWebhookDelivery" (
    "id" SERIAL NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "HealthWebhookDelivery_pkey" PRIMARY KEY ("id")
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


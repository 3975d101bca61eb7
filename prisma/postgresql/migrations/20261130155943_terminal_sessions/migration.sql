-- CreateTable
CREATE TABLE "TerminalSession" (
    "id" TEXT NOT NULL,
    "userId" INTEGER,
    "username" TEXT NOT NULL,
    "client" TEXT NOT NULL,
    "boxKind" TEXT NOT NULL,
    "boxId" INTEGER NOT NULL,
    "boxName" TEXT NOT NULL,
    "branchCode" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "bytesIn" INTEGER NOT NULL DEFAULT 0,
    "bytesOut" INTEGER NOT NULL DEFAULT 0,
    "endReason" TEXT,
    "endMessage" TEXT,
    "recordsInput" BOOLEAN NOT NULL DEFAULT false,
    "recordingBytes" INTEGER NOT NULL DEFAULT 0,
    "recordingStopped" TEXT,
    "cols" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,

    CONSTRAINT "TerminalSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TerminalSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "idleTimeoutSeconds" INTEGER NOT NULL DEFAULT 900,
    "idleWarningSeconds" INTEGER NOT NULL DEFAULT 60,
    "maxSessionSeconds" INTEGER NOT NULL DEFAULT 28800,
    "maxPerUser" INTEGER NOT NULL DEFAULT 5,
    "maxTotal" INTEGER NOT NULL DEFAULT 100,
    "recordInput" BOOLEAN NOT NULL DEFAULT false,
    "sessionCapKiB" INTEGER NOT NULL DEFAULT 51200,
    "totalCapKiB" INTEGER NOT NULL DEFAULT 2097152,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL DEFAULT 'system',

    CONSTRAINT "TerminalSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TerminalSession_startedAt_idx" ON "TerminalSession"("startedAt");

-- CreateIndex
CREATE INDEX "TerminalSession_boxKind_boxId_startedAt_idx" ON "TerminalSession"("boxKind", "boxId", "startedAt");

-- CreateIndex
CREATE INDEX "TerminalSession_endedAt_idx" ON "TerminalSession"("endedAt");

-- CreateIndex
CREATE INDEX "TerminalSession_userId_endedAt_idx" ON "TerminalSession"("userId", "endedAt");


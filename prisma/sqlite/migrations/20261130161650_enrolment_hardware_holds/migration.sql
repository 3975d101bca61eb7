-- AlterTable
ALTER TABLE "Host" ADD COLUMN "hostKeyUnverified" TEXT;
ALTER TABLE "Host" ADD COLUMN "retiredAt" DATETIME;

-- CreateTable
CREATE TABLE "EnrolmentToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "branchId" INTEGER NOT NULL,
    "hostId" INTEGER,
    "expectedSerial" TEXT,
    "hostname" TEXT,
    "guestIp" TEXT,
    "installFleetKey" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "usedAt" DATETIME,
    "usedByHostId" INTEGER,
    CONSTRAINT "EnrolmentToken_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HostHardware" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "serial" TEXT NOT NULL,
    "nicMac" TEXT NOT NULL,
    "bridge" TEXT NOT NULL,
    "hostKeyFingerprint" TEXT,
    "hostPublicKey" TEXT,
    "installedAt" DATETIME NOT NULL,
    "replacedAt" DATETIME NOT NULL,
    "replacedBy" TEXT NOT NULL,
    "reason" TEXT,
    CONSTRAINT "HostHardware_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AddressHold" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "branchId" INTEGER,
    "value" TEXT NOT NULL,
    "hostId" INTEGER,
    "hostname" TEXT NOT NULL,
    "until" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "EnrolmentToken_tokenHash_key" ON "EnrolmentToken"("tokenHash");

-- CreateIndex
CREATE INDEX "EnrolmentToken_branchId_idx" ON "EnrolmentToken"("branchId");

-- CreateIndex
CREATE INDEX "HostHardware_hostId_replacedAt_idx" ON "HostHardware"("hostId", "replacedAt");

-- CreateIndex
CREATE INDEX "AddressHold_kind_value_idx" ON "AddressHold"("kind", "value");


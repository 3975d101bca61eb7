-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "hostKeyUnverified" TEXT,
ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "EnrolmentToken" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "branchId" INTEGER NOT NULL,
    "hostId" INTEGER,
    "expectedSerial" TEXT,
    "hostname" TEXT,
    "guestIp" TEXT,
    "installFleetKey" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),
    "usedByHostId" INTEGER,

    CONSTRAINT "EnrolmentToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostHardware" (
    "id" SERIAL NOT NULL,
    "hostId" INTEGER NOT NULL,
    "serial" TEXT NOT NULL,
    "nicMac" TEXT NOT NULL,
    "bridge" TEXT NOT NULL,
    "hostKeyFingerprint" TEXT,
    "hostPublicKey" TEXT,
    "installedAt" TIMESTAMP(3) NOT NULL,
    "replacedAt" TIMESTAMP(3) NOT NULL,
    "replacedBy" TEXT NOT NULL,
    "reason" TEXT,

    CONSTRAINT "HostHardware_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AddressHold" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "branchId" INTEGER,
    "value" TEXT NOT NULL,
    "hostId" INTEGER,
    "hostname" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AddressHold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EnrolmentToken_tokenHash_key" ON "EnrolmentToken"("tokenHash");

-- CreateIndex
CREATE INDEX "EnrolmentToken_branchId_idx" ON "EnrolmentToken"("branchId");

-- CreateIndex
CREATE INDEX "HostHardware_hostId_replacedAt_idx" ON "HostHardware"("hostId", "replacedAt");

-- CreateIndex
CREATE INDEX "AddressHold_kind_value_idx" ON "AddressHold"("kind", "value");

-- AddForeignKey
ALTER TABLE "EnrolmentToken" ADD CONSTRAINT "EnrolmentToken_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostHardware" ADD CONSTRAINT "HostHardware_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "Gateway" ADD COLUMN "hostPublicKey" TEXT;

-- AlterTable
ALTER TABLE "Host" ADD COLUMN "hostPublicKey" TEXT;

-- CreateIndex
CREATE INDEX "Host_linkLocalIp_idx" ON "Host"("linkLocalIp");

-- CreateIndex
CREATE INDEX "Guest_ip_idx" ON "Guest"("ip");

-- CreateIndex
CREATE INDEX "Guest_name_idx" ON "Guest"("name");

-- CreateIndex
CREATE INDEX "Guest_domain_idx" ON "Guest"("domain");


-- Which request (or CLI run) wrote each event: lib/server/request-context.ts.
-- A nullable column without a default rewrites no row, so the append-only
-- triggers on AuditEvent never fire and older events keep a null id.
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "requestId" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_requestId_idx" ON "AuditEvent"("requestId");


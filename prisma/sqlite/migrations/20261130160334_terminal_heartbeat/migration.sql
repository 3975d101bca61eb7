-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TerminalSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "durationMs" INTEGER,
    "bytesIn" INTEGER NOT NULL DEFAULT 0,
    "bytesOut" INTEGER NOT NULL DEFAULT 0,
    "endReason" TEXT,
    "endMessage" TEXT,
    "recordsInput" BOOLEAN NOT NULL DEFAULT false,
    "recordingBytes" INTEGER NOT NULL DEFAULT 0,
    "recordingStopped" TEXT,
    "cols" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL
);
INSERT INTO "new_TerminalSession" ("boxId", "boxKind", "boxName", "branchCode", "bytesIn", "bytesOut", "client", "cols", "durationMs", "endMessage", "endReason", "endedAt", "id", "instanceId", "path", "recordingBytes", "recordingStopped", "recordsInput", "route", "rows", "startedAt", "userId", "username") SELECT "boxId", "boxKind", "boxName", "branchCode", "bytesIn", "bytesOut", "client", "cols", "durationMs", "endMessage", "endReason", "endedAt", "id", "instanceId", "path", "recordingBytes", "recordingStopped", "recordsInput", "route", "rows", "startedAt", "userId", "username" FROM "TerminalSession";
DROP TABLE "TerminalSession";
ALTER TABLE "new_TerminalSession" RENAME TO "TerminalSession";
CREATE INDEX "TerminalSession_startedAt_idx" ON "TerminalSession"("startedAt");
CREATE INDEX "TerminalSession_boxKind_boxId_startedAt_idx" ON "TerminalSession"("boxKind", "boxId", "startedAt");
CREATE INDEX "TerminalSession_endedAt_idx" ON "TerminalSession"("endedAt");
CREATE INDEX "TerminalSession_userId_endedAt_idx" ON "TerminalSession"("userId", "endedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


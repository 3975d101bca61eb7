-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "LoginAttempt";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "nextAt" DATETIME NOT NULL,
    "refusalLoggedAt" DATETIME,
    "refusals" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "LoginThrottle_lastAt_idx" ON "LoginThrottle"("lastAt");


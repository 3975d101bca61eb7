-- CreateTable
CREATE TABLE "DirectorySettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "urls" TEXT NOT NULL DEFAULT '[]',
    "tls" TEXT NOT NULL DEFAULT 'starttls',
    "caPem" TEXT NOT NULL DEFAULT '',
    "bindDn" TEXT NOT NULL DEFAULT '',
    "bindPassword" TEXT NOT NULL DEFAULT '',
    "userBase" TEXT NOT NULL DEFAULT '',
    "userFilter" TEXT NOT NULL DEFAULT '(objectClass=inetOrgPerson)',
    "usernameAttribute" TEXT NOT NULL DEFAULT 'uid',
    "groupMode" TEXT NOT NULL DEFAULT 'memberOf',
    "groupBase" TEXT NOT NULL DEFAULT '',
    "roleMap" TEXT NOT NULL DEFAULT '[]',
    "timeoutMs" INTEGER NOT NULL DEFAULT 3000,
    "recheckSeconds" INTEGER NOT NULL DEFAULT 300,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL DEFAULT 'system'
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL DEFAULT 'local',
    "directoryDn" TEXT,
    "directoryCheckedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "disabled", "id", "passwordHash", "role", "updatedAt", "username") SELECT "createdAt", "disabled", "id", "passwordHash", "role", "updatedAt", "username" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


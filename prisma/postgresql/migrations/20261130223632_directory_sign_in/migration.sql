-- AlterTable
ALTER TABLE "User" ADD COLUMN     "directoryCheckedAt" TIMESTAMP(3),
ADD COLUMN     "directoryDn" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'local';

-- CreateTable
CREATE TABLE "DirectorySettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
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
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL DEFAULT 'system',

    CONSTRAINT "DirectorySettings_pkey" PRIMARY KEY ("id")
);


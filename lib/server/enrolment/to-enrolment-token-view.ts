import type { EnrolmentTokenView } from "@/lib/domain/enrolment/enrolment-views";
import type { EnrolmentToken } from "@/prisma/generated/sqlite/client";

export function toEnrolmentTokenView(t: EnrolmentToken, branchCode: string, now: Date): EnrolmentTokenView {
  const status = t.usedAt ? "used" : t.revokedAt ? "revoked" : t.expiresAt <= now ? "expired" : "unused";
  return {
    id: t.id,
    branchCode,
    hostId: t.hostId,
    expectedSerial: t.expectedSerial,
    hostname: t.hostname,
    guestIp: t.guestIp,
    installFleetKey: t.installFleetKey,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    usedAt: t.usedAt?.toISOString() ?? null,
    usedByHostId: t.usedByHostId,
    status,
  };
}

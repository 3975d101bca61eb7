import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/db/client";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { hashPassword } from "./password";

/**
 * On first start (no users at all) creates `admin`. Its password comes from
 * BRANCHDESK_ADMIN_PASSWORD, or is generated and returned so the caller prints
 * it once. Returns null when users already exist.
 */
export async function bootstrapAdmin(password: string | undefined): Promise<{ username: string; generatedPassword: string | null } | null> {
  if ((await db().user.count()) > 0) return null;
  const generated = password ? null : randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password ?? generated!);
  await db().$transaction(async (tx) => {
    const user = await tx.user.create({ data: { username: "admin", role: "admin", passwordHash } });
    await recordAuditEvent(tx, { actor: "system", action: "user.create", entityType: "user", entityId: user.id, summary: "created the first admin account", after: { username: "admin", role: "admin" } });
  });
  return { username: "admin", generatedPassword: generated };
}

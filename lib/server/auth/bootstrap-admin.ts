import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { SYSTEM_ACTOR } from "./actor";
import { hashPassword } from "./password";

/**
 * On first start (no users at all) creates `admin`. Its password comes from
 * BRANCHDESK_ADMIN_PASSWORD, or is generated and returned so the caller prints
 * it once. Returns null when users already exist.
 */
export async function bootstrapAdmin(
  password: string | undefined,
): Promise<{ username: string; generatedPassword: string | null } | null> {
  if ((await db().user.count()) > 0) return null;
  const generated = password ? null : randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password ?? generated!);
  await writeTransaction(SYSTEM_ACTOR, async (tx, audit) => {
    const user = await tx.user.create({ data: { username: "admin", role: "admin", passwordHash } });
    const after = { username: "admin", role: "admin" };
    audit({ type: "user", id: user.id }, null, after, "created the first admin account");
  });
  return { username: "admin", generatedPassword: generated };
}

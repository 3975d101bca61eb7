import type { UpdateUserInput } from "@/lib/domain/inventory/user-input";
import type { UserView } from "@/lib/domain/inventory/account-views";
import type { Actor } from "@/lib/server/auth/actor";
import { hashPassword } from "@/lib/server/auth/password";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { writeTransaction } from "@/lib/server/inventory/write-transaction";
import { toUserView } from "./to-user-view";

/**
 * Changes a user's role, disables/enables them, or resets their password.
 * Disabling or resetting ends their sessions. The last enabled admin cannot be
 * demoted or disabled: nobody could manage users afterwards.
 */
export async function updateUser(actor: Actor, id: number, input: UpdateUserInput): Promise<UserView> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return writeTransaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound(`user ${id}`);
    const losesAdmin = user.role === "admin" && !user.disabled && ((input.role && input.role !== "admin") || input.disabled === true);
    if (losesAdmin && (await tx.user.count({ where: { role: "admin", disabled: false, id: { not: id } } })) === 0) {
      throw new AppError("conflict", `${user.username} is the last enabled admin; make another user admin first`);
    }
    const row = await tx.user.update({
      where: { id },
      data: { ...(input.role ? { role: input.role } : {}), ...(input.disabled !== undefined ? { disabled: input.disabled } : {}), ...(passwordHash ? { passwordHash } : {}) },
    });
    if (input.disabled === true || passwordHash) await tx.session.deleteMany({ where: { userId: id } });
    const changes = [
      input.role && input.role !== user.role ? `role ${user.role} -> ${input.role}` : null,
      input.disabled !== undefined && input.disabled !== user.disabled ? (input.disabled ? "disabled" : "enabled") : null,
      passwordHash ? "password reset" : null,
    ].filter(Boolean);
    await recordAuditEvent(tx, {
      actor: actor.username, action: "user.update", entityType: "user", entityId: id,
      summary: `changed user ${user.username}: ${changes.join(", ") || "nothing"}`,
      before: toUserView(user), after: { ...toUserView(row), passwordReset: Boolean(passwordHash) },
    });
    return toUserView(row);
  });
}

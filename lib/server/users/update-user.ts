import { passwordProblems, type UpdateUserInput } from "@/lib/domain/users/user-input";
import type { UserView } from "@/lib/domain/users/user-views";
import type { Actor } from "@/lib/server/auth/actor";
import { hashPassword } from "@/lib/server/auth/password";
import { userThrottleKey } from "@/lib/domain/users/sign-in-throttle";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError, assertValid, notFound } from "@/lib/server/errors/app-error";
import { toUserView } from "./to-user-view";

/**
 * Changes a user's role, disables/enables them, or resets their password.
 * Disabling or resetting ends their sessions. The last enabled admin cannot be
 * demoted or disabled: nobody could manage users afterwards.
 */
export async function updateUser(actor: Actor, id: number, input: UpdateUserInput): Promise<UserView> {
  if (input.password) await assertPasswordFor(id, input.password);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return writeTransaction(actor, async (tx, audit) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound(`user ${id}`);
    if (user.source === "directory" && (passwordHash || (input.role && input.role !== user.role))) {
      const what = passwordHash ? "their password is the directory's" : "their role comes from their directory groups";
      throw new AppError("conflict", `${user.username} signs in with the directory: ${what} (Settings → Directory)`);
    }
    const losesAdmin =
      user.role === "admin" && !user.disabled && ((input.role && input.role !== "admin") || input.disabled === true);
    if (losesAdmin && (await tx.user.count({ where: { role: "admin", disabled: false, id: { not: id } } })) === 0) {
      throw new AppError("conflict", `${user.username} is the last enabled admin; make another user admin first`);
    }
    const row = await tx.user.update({
      where: { id },
      data: {
        ...(input.role ? { role: input.role } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      },
    });
    if (input.disabled === true || passwordHash) await tx.session.deleteMany({ where: { userId: id } });
    // The sign-in delay protects the old password; the user signs in with the new one at once.
    if (passwordHash) await tx.loginThrottle.deleteMany({ where: { key: userThrottleKey(user.username) } });
    const changes = [
      input.role && input.role !== user.role ? `role ${user.role} -> ${input.role}` : null,
      input.disabled !== undefined && input.disabled !== user.disabled
        ? input.disabled
          ? "disabled"
          : "enabled"
        : null,
      passwordHash ? "password reset" : null,
    ].filter(Boolean);
    const after = { ...toUserView(row), passwordReset: Boolean(passwordHash) };
    const summary = `changed user ${user.username}: ${changes.join(", ") || "nothing"}`;
    audit({ type: "user", id }, toUserView(user), after, summary);
    return toUserView(row);
  });
}

/**
 * The schema checked everything a password alone can fail; "contains the username" needs the
 * user. Read outside the transaction (usernames never change) so the ~100 ms hash that follows
 * does not run inside it.
 */
async function assertPasswordFor(id: number, password: string): Promise<void> {
  const user = await db().user.findUnique({ where: { id }, select: { username: true } });
  if (!user) throw notFound(`user ${id}`);
  const problems = passwordProblems(password, user.username);
  const subject = `the new password for ${user.username} is refused`;
  assertValid(problems.length ? { password: problems } : {}, subject);
}

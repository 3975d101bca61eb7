import { z } from "zod";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { ZRole } from "@/lib/domain/role";
import { verifyPassword } from "./password";
import { newSessionToken, SESSION_TTL_MS, sessionId } from "./session-token";

export const ZSignInInput = z.object({
  username: z.string().trim().min(1, "enter your username").max(64),
  password: z.string().min(1, "enter your password").max(1024),
});
export type SignInInput = z.infer<typeof ZSignInInput>;

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_USER = 5;
const MAX_FAILURES_PER_CLIENT = 20;

// Verifying against a real hash when the user does not exist keeps the
// response time from telling which usernames exist.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/**
 * Checks the password and opens a session. Failures are rate-limited per
 * username and per client address, counted in the database so every dashboard
 * instance sees them.
 */
export async function signIn(input: SignInInput, client: string, now = new Date()) {
  const since = new Date(now.getTime() - WINDOW_MS);
  const keys = { user: `user:${input.username}`, client: `ip:${client}` };
  const [userFailures, clientFailures] = await Promise.all([
    db().loginAttempt.count({ where: { key: keys.user, succeeded: false, at: { gt: since } } }),
    db().loginAttempt.count({ where: { key: keys.client, succeeded: false, at: { gt: since } } }),
  ]);
  if (userFailures >= MAX_FAILURES_PER_USER || clientFailures >= MAX_FAILURES_PER_CLIENT) {
    throw new AppError("rate_limited", "too many failed sign-ins; wait 15 minutes or ask an admin");
  }
  const user = await db().user.findUnique({ where: { username: input.username } });
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || user.disabled) {
    await db().loginAttempt.createMany({
      data: [{ key: keys.user, succeeded: false, at: now }, { key: keys.client, succeeded: false, at: now }],
    });
    throw new AppError("unauthenticated", "wrong username or password");
  }
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db().$transaction(async (tx) => {
    await tx.session.create({ data: { id: sessionId(token), userId: user.id, expiresAt } });
    await tx.loginAttempt.deleteMany({ where: { key: keys.user, succeeded: false } });
    await recordAuditEvent(tx, { actor: user.username, action: "session.sign-in", entityType: "user", entityId: user.id, summary: `${user.username} signed in from ${client}` });
  });
  return { token, expiresAt, user: { id: user.id, username: user.username, role: ZRole.parse(user.role) } };
}

import { z } from "zod";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import { ZRole } from "@/lib/domain/role";
import { zStrictInput } from "@/lib/domain/strict-input";
import { readDirectoryConfig } from "@/lib/server/directory/read-directory-settings";
import { signInWithDirectory } from "@/lib/server/directory/sign-in-with-directory";
import type { User } from "@/prisma/generated/sqlite/client";
import { auditSignInFailure } from "./audit-sign-in-failure";
import { auditSignInRefusal } from "./audit-sign-in-refusal";
import { verifyPassword } from "./password";
import { releaseSignIn, reserveSignIn, type SignInRefusal } from "./reserve-sign-in";
import { newSessionToken, SESSION_TTL_MS, sessionId } from "./session-token";
import { clientThrottleKey, formatWait, USER_THROTTLE, userThrottleKey } from "@/lib/domain/users/sign-in-throttle";

export const ZSignInInput = zStrictInput(
  {
    username: z
      .string()
      .trim()
      .min(1, "enter your username")
      .max(64)
      // NUL cannot be stored in PostgreSQL text (the throttle key), nor be part of any login name.
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "a username cannot contain control characters (NUL, tab)"),
    password: z.string().min(1, "enter your password").max(1024),
  },
  "a sign-in has",
);
export type SignInInput = z.infer<typeof ZSignInInput>;

// Verifying against a real hash when the user does not exist keeps the
// response time from telling which usernames exist.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/**
 * Checks the password and opens a session. Each check is first reserved against the
 * username's and the client address's allowances (reserve-sign-in.ts), in the database,
 * so the limits hold for parallel attempts and across dashboard instances. Failed and
 * refused attempts are audited, without the password.
 */
export async function signIn(input: SignInInput, client: string, now = new Date()) {
  const keys = { user: userThrottleKey(input.username), client: clientThrottleKey(client) };
  const refused = await reserveSignIn(keys, now);
  let user = await db().user.findUnique({ where: { username: input.username } });
  if (refused) {
    await auditSignInRefusal(refused, user, client, now);
    throw refusedError(refused, input.username, client);
  }
  // A local account signs in locally, even while directory sign-in is on (break-glass);
  // any other name goes to the directory when it is configured (docs/directory.md).
  const directory = user && user.source !== "directory" ? null : await readDirectoryConfig();
  if (directory) user = await signInWithDirectory(directory, input, user, client, now);
  else await checkLocalPassword(input, user, client);
  if (!user) throw new AppError("unauthenticated", "wrong username or password");
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await writeTransaction(user, async (tx, audit) => {
    await tx.session.create({ data: { id: sessionId(token), userId: user.id, expiresAt } });
    await releaseSignIn(tx, keys);
    const summary = `${user.username} signed in from ${client}`;
    audit({ type: "user", id: user.id, action: "session.sign-in" }, null, null, summary);
  });
  // Every count is restarted a day after its last check: older rows only take up space.
  const stale = new Date(now.getTime() - USER_THROTTLE.forgetAfterMs);
  await db().loginThrottle.deleteMany({ where: { lastAt: { lt: stale } } });
  return { token, expiresAt, user: { id: user.id, username: user.username, role: ZRole.parse(user.role) } };
}

async function checkLocalPassword(input: SignInInput, user: User | null, client: string): Promise<void> {
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || user.disabled) {
    // The reservation already counted this failure.
    await auditSignInFailure(user, client, valid ? "the account is disabled" : "wrong password");
    throw new AppError("unauthenticated", "wrong username or password");
  }
}

/** The truth about the wait, and (for a username) the way out that does not involve waiting. */
function refusedError(refusal: SignInRefusal, username: string, client: string): AppError {
  const wait = `wait ${formatWait(refusal.waitMs)} before trying again`;
  const message =
    refusal.by === "user"
      ? `too many failed sign-ins for ${username}: ${wait}, ` +
        `or ask an admin to reset the password (that clears the wait)`
      : `too many failed sign-ins from your address (${client}): ${wait}`;
  return new AppError("rate_limited", message);
}

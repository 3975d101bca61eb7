import { db } from "@/lib/server/db/client";
import { ZRole } from "@/lib/domain/role";
import { recheckDirectoryUser } from "@/lib/server/directory/recheck-directory-user";
import type { Actor } from "./actor";
import { sessionId } from "./session-token";

/** The signed-in user behind a session cookie, or null (unknown, expired, disabled). */
export async function readSession(token: string | undefined, now = new Date()): Promise<Actor | null> {
  if (!token || token.length > 128) return null;
  const session = await db().session.findUnique({ where: { id: sessionId(token) }, include: { user: true } });
  if (!session || session.expiresAt <= now || session.user.disabled) return null;
  const role = ZRole.safeParse(session.user.role);
  if (!role.success) return null;
  if (session.user.source === "directory") {
    // Re-asks the directory at most every recheckSeconds (issue 14); null ends this request.
    const current = await recheckDirectoryUser(session.user, now);
    return current ? { userId: session.user.id, username: session.user.username, role: current } : null;
  }
  return { userId: session.user.id, username: session.user.username, role: role.data };
}

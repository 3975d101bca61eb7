import { roleFromGroups } from "@/lib/domain/directory/role-from-groups";
import type { Role } from "@/lib/domain/role";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { lookUpInDirectory } from "./authenticate-in-directory";
import { auditDirectoryProblem } from "./audit-directory-problem";
import { DirectoryRefused, DirectoryUnreachable } from "./directory-client";
import { readDirectoryConfig } from "./read-directory-settings";

type DirectoryUser = { id: number; username: string; role: string; directoryCheckedAt: Date | null };

/**
 * A directory user's session, on a request: the role to act with, or null. Within
 * recheckSeconds of the directory's last word the stored role stands; after that the
 * directory is asked again: gone, or in no mapped group, ends every session of the user
 * (audited); a changed role is stored (audited) and applies from this request. While
 * the directory cannot be reached (or directory sign-in is off) the request is refused
 * but the session kept: nothing is trusted for longer than recheckSeconds, and the
 * local break-glass accounts still work.
 */
export async function recheckDirectoryUser(user: DirectoryUser, now: Date): Promise<Role | null> {
  const config = await readDirectoryConfig();
  if (!config) return null;
  const checkedAt = user.directoryCheckedAt?.getTime() ?? 0;
  const role = user.role as Role;
  if (now.getTime() - checkedAt < config.recheckSeconds * 1000) return role;
  let entry;
  try {
    entry = await lookUpInDirectory(config, user.username);
  } catch (error) {
    if (error instanceof DirectoryUnreachable || error instanceof DirectoryRefused) {
      await auditDirectoryProblem(error, `the session re-check of ${user.username}`, now);
      return null;
    }
    throw error;
  }
  const next = entry ? roleFromGroups(entry.groups, config.roleMap) : null;
  await writeTransaction({ username: "system" }, async (tx, audit) => {
    const entity = { type: "user" as const, id: user.id };
    if (!next) {
      const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
      const why = entry ? "is in no mapped directory group any more" : "is no longer in the directory";
      audit(
        { ...entity, action: "session.directory-ended" },
        { role },
        null,
        `ended ${count} session(s) of ${user.username}: ${why}`,
      );
      return;
    }
    await tx.user.update({
      where: { id: user.id },
      data: { directoryCheckedAt: now, role: next, directoryDn: entry!.dn },
    });
    if (next !== role) {
      audit(
        { ...entity, action: "user.update" },
        { role },
        { role: next },
        `${user.username}'s role is now ${next} from their directory groups (was ${role})`,
      );
    }
  });
  return next;
}

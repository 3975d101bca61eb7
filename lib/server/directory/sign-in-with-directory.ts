import type { DirectoryConfig } from "@/lib/domain/directory/directory-settings";
import { directoryUsernameProblem, roleFromGroups } from "@/lib/domain/directory/role-from-groups";
import { auditSignInFailure } from "@/lib/server/auth/audit-sign-in-failure";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import type { User } from "@/prisma/generated/sqlite/client";
import { authenticateInDirectory } from "./authenticate-in-directory";
import { auditDirectoryProblem } from "./audit-directory-problem";
import { DirectoryRefused, DirectoryUnreachable } from "./directory-client";

/** The answer to a wrong password or an unknown name: the same for both, as for local accounts. */
const WRONG = () => new AppError("unauthenticated", "wrong username or password");

/**
 * The directory half of signIn (lib/server/auth/sign-in.ts), after the throttle has let
 * the attempt through: checks the password against the directory, maps the groups to a
 * role, and creates or updates the local record (source "directory", no password). The
 * role is the directory's at every sign-in. Every refusal is audited and thrown as an
 * AppError whose message says what to do.
 */
export async function signInWithDirectory(
  config: DirectoryConfig,
  input: { username: string; password: string },
  existing: User | null,
  client: string,
  now: Date,
): Promise<User> {
  const problem = directoryUsernameProblem(input.username);
  if (problem) {
    await auditSignInFailure(existing, client, "wrong password");
    throw new AppError("unauthenticated", `wrong username or password (${problem})`);
  }
  let verdict;
  try {
    verdict = await authenticateInDirectory(config, input.username, input.password);
  } catch (error) {
    if (error instanceof DirectoryUnreachable || error instanceof DirectoryRefused) {
      await auditDirectoryProblem(error, `a sign-in as ${input.username}`, now);
      await auditSignInFailure(existing, client, "directory unreachable");
      const why = error instanceof DirectoryUnreachable ? error.message : `directory unreachable: ${error.message}`;
      throw new AppError("unavailable", `${why}. Local accounts can still sign in; tell your Branchdesk admin`);
    }
    throw error;
  }
  if (verdict.kind !== "ok") {
    await auditSignInFailure(existing, client, "wrong password");
    throw WRONG();
  }
  const role = roleFromGroups(verdict.groups, config.roleMap);
  if (!role) {
    await auditSignInFailure(existing, client, "in no mapped directory group");
    throw new AppError(
      "forbidden",
      `the directory knows ${input.username}, but none of your groups is mapped to a Branchdesk role: ` +
        "ask your directory admin to add you to one of the groups on Settings → Directory",
    );
  }
  if (existing?.disabled) {
    await auditSignInFailure(existing, client, "the account is disabled");
    throw WRONG();
  }
  return recordDirectoryUser(input.username, verdict.dn, role, now);
}

/** Creates or updates the local record of a directory user, audited when it is new or its role changed. */
async function recordDirectoryUser(username: string, dn: string, role: User["role"], now: Date): Promise<User> {
  return writeTransaction({ username }, async (tx, audit) => {
    const before = await tx.user.findUnique({ where: { username } });
    const data = { role, source: "directory", passwordHash: "", directoryDn: dn, directoryCheckedAt: now };
    const user = before
      ? await tx.user.update({ where: { id: before.id }, data })
      : await tx.user.create({ data: { username, ...data } });
    if (!before) {
      audit(
        { type: "user", id: user.id, action: "user.create" },
        null,
        { username, role, source: "directory" },
        `created ${username} from the directory (${dn}) as ${role}`,
      );
    } else if (before.role !== role) {
      audit(
        { type: "user", id: user.id, action: "user.update" },
        { role: before.role },
        { role },
        `${username}'s role is now ${role} from their directory groups (was ${before.role})`,
      );
    }
    return user;
  });
}

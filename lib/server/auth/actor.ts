import type { Role } from "@/lib/domain/role";

/**
 * Who is acting: a signed-in user, or the system itself (start-up, CLI). A request made
 * with an API token (issue 15) also names the token: its owner's username (null for an
 * admin's service token, whose actor has no userId) and its name, which the audit log records.
 */
export type Actor = {
  userId: number | null;
  username: string;
  role: Role;
  token?: { id: number; name: string; owner: string | null };
};

export const SYSTEM_ACTOR: Actor = { userId: null, username: "system", role: "admin" };

/** The audit log's actor: `alice via token "ci-deploy"`, `service token "nightly"`, or the username. */
export function auditActorName(actor: Pick<Actor, "username" | "token">): string {
  if (!actor.token) return actor.username;
  const name = JSON.stringify(actor.token.name);
  return actor.token.owner ? `${actor.token.owner} via token ${name}` : `service token ${name}`;
}

import { roleAllows, type Role } from "@/lib/domain/role";
import { AppError } from "@/lib/server/errors/app-error";
import type { Actor } from "./actor";

/** The one authorization rule: no actor -> 401, too weak a role -> 403. */
export function authorize(actor: Actor | null, required: Role): Actor {
  if (!actor) throw new AppError("unauthenticated", "sign in first");
  if (!roleAllows(actor.role, required)) {
    throw new AppError(
      "forbidden",
      actor.token
        ? `this needs the ${required} role; token ${JSON.stringify(actor.token.name)} acts as ${actor.role}`
        : `this needs the ${required} role; you are signed in as ${actor.username} (${actor.role})`,
    );
  }
  return actor;
}

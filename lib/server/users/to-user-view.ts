import type { User } from "@/prisma/generated/sqlite/client";
import type { UserView } from "@/lib/domain/users/user-views";
import { ZRole } from "@/lib/domain/role";

/** The only way a user leaves the server: the password hash is never part of it. */
export function toUserView(u: User): UserView {
  return {
    id: u.id,
    username: u.username,
    role: ZRole.catch("viewer").parse(u.role),
    disabled: u.disabled,
    source: u.source === "directory" ? "directory" : "local",
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

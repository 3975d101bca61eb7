/** JSON answers of the session and user routes. */
import { z } from "zod";
import { ZRole } from "../role";

export const ZSessionUser = z
  .object({ id: z.number().int(), username: z.string(), role: ZRole })
  .meta({ id: "SessionUser" });
export const ZSessionResponse = z.object({ user: ZSessionUser });
export type SessionUser = z.infer<typeof ZSessionUser>;
export type SessionResponse = z.infer<typeof ZSessionResponse>;

/** Never carries the password hash. */
export const ZUserView = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: ZRole,
    disabled: z.boolean(),
    /** local: password here; directory: signs in against LDAP, role from groups (issue 14). */
    source: z.enum(["local", "directory"]),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "UserView" });
export type UserView = z.infer<typeof ZUserView>;
export const ZUserListResponse = z.object({ users: z.array(ZUserView) });
export const ZUserResponse = z.object({ user: ZUserView });
export type UserListResponse = z.infer<typeof ZUserListResponse>;
export type UserResponse = z.infer<typeof ZUserResponse>;

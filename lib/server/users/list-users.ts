import type { UserView } from "@/lib/domain/users/user-views";
import { db } from "@/lib/server/db/client";
import { toUserView } from "./to-user-view";

export async function listUsers(): Promise<UserView[]> {
  return (await db().user.findMany({ orderBy: { username: "asc" } })).map(toUserView);
}

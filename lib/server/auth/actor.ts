import type { Role } from "@/lib/domain/role";

/** Who is acting: a signed-in user, or the system itself (start-up, CLI). */
export type Actor = { userId: number | null; username: string; role: Role };

export const SYSTEM_ACTOR: Actor = { userId: null, username: "system", role: "admin" };

import { db } from "@/lib/server/db/client";
import { sessionId } from "./session-token";

export async function signOut(token: string | undefined): Promise<void> {
  if (!token) return;
  await db().session.deleteMany({ where: { id: sessionId(token) } });
}

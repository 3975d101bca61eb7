import type { ApiTokenView } from "@/lib/domain/tokens/token-views";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { API_TOKEN_VIEW_SELECT, toApiTokenView } from "./to-api-token-view";

/** Admins see every token; anyone else their own (a service token's actor owns none). */
export async function listApiTokens(actor: Actor, now = new Date()): Promise<ApiTokenView[]> {
  const where = actor.role === "admin" ? {} : { ownerId: actor.userId ?? -1 };
  const rows = await db().apiToken.findMany({ where, select: API_TOKEN_VIEW_SELECT, orderBy: { id: "desc" } });
  return rows.map((r) => toApiTokenView(r, now));
}

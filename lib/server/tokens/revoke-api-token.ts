import type { ApiTokenView } from "@/lib/domain/tokens/token-views";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { notFound } from "@/lib/server/errors/app-error";
import { API_TOKEN_VIEW_SELECT, toApiTokenView } from "./to-api-token-view";

/**
 * Revokes a token at once (the next request with it is a 401). Your own, or any as an admin;
 * someone else's token is "does not exist", which tells a non-admin nothing about it.
 */
export async function revokeApiToken(actor: Actor, id: number, now = new Date()): Promise<ApiTokenView> {
  return writeTransaction(actor, async (tx, audit) => {
    const row = await tx.apiToken.findUnique({ where: { id }, select: API_TOKEN_VIEW_SELECT });
    if (
      !row ||
      (actor.role !== "admin" && (row.owner?.id ?? null) !== actor.userId) ||
      (actor.userId === null && actor.role !== "admin")
    ) {
      throw notFound(`API token ${id}`);
    }
    const before = toApiTokenView(row, now);
    if (row.revokedAt) return before;
    const updated = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: now },
      select: API_TOKEN_VIEW_SELECT,
    });
    const after = toApiTokenView(updated, now);
    const whose = after.owner ? `of ${after.owner.username}` : "(service token)";
    audit(
      { type: "user", id: after.owner?.id ?? null, action: "token.revoke" },
      before,
      after,
      `revoked API token ${JSON.stringify(after.name)} ${whose}`,
    );
    return after;
  });
}

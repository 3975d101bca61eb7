import { ZRole } from "@/lib/domain/role";
import { effectiveRole, shouldRecordUse, type ApiTokenParts } from "@/lib/domain/tokens/api-token";
import { clientAllowed } from "@/lib/domain/tokens/token-cidrs";
import { tokenHint } from "@/lib/domain/tokens/api-token";
import type { Result } from "@/lib/domain/result";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { secretMatches } from "./api-token-secret";
import { countTokenFailure, refuseThrottledClient } from "./token-throttle";

/**
 * The actor behind a bearer token, checked on every request (nothing is cached, so a
 * revocation, a disabled owner or a demotion holds from the next request on):
 * known lookup id, matching secret, not revoked, not expired, owner enabled, client inside
 * the allowed CIDRs. It acts with the lower of its role and its owner's current role.
 * Every failure is a 401 naming what is wrong (never the secret) and counts toward the
 * client address's sign-in limit; a client over that limit is refused (429) before any check.
 */
export async function authenticateApiToken(
  presented: Result<ApiTokenParts>,
  client: string,
  now = new Date(),
): Promise<Actor> {
  await refuseThrottledClient(client, now);
  const failed = async (message: string): Promise<never> => {
    await countTokenFailure(client, now);
    throw new AppError("unauthenticated", message);
  };
  if (!presented.ok) return failed(presented.error);
  const { lookupId, secret } = presented.value;
  const token = await db().apiToken.findUnique({ where: { lookupId }, include: { owner: true } });
  const hint = tokenHint(lookupId);
  if (!token || !secretMatches(secret, token.secretHash)) return failed(`API token ${hint} is not known`);
  const name = JSON.stringify(token.name);
  if (token.revokedAt) return failed(`API token ${name} (${hint}) was revoked on ${token.revokedAt.toISOString()}`);
  if (token.expiresAt && token.expiresAt <= now) {
    return failed(`API token ${name} (${hint}) expired on ${token.expiresAt.toISOString()}; create a new one`);
  }
  if (token.owner?.disabled) return failed(`API token ${name} belongs to ${token.owner.username}, who is disabled`);
  const cidrs = JSON.parse(token.allowedCidrs) as string[];
  if (!clientAllowed(cidrs, client)) {
    return failed(`API token ${name} may not be used from ${client} (allowed: ${cidrs.join(", ")})`);
  }
  const tokenRole = ZRole.safeParse(token.role);
  const ownerRole = token.owner ? ZRole.safeParse(token.owner.role) : null;
  if (!tokenRole.success || (ownerRole && !ownerRole.success)) return failed(`API token ${name} has no valid role`);
  await recordUse(token, client, now);
  return {
    userId: token.owner?.id ?? null,
    username: token.owner?.username ?? `service-token:${token.name}`,
    role: effectiveRole(tokenRole.data, ownerRole?.data ?? null),
    token: { id: token.id, name: token.name, owner: token.owner?.username ?? null },
  };
}

/**
 * Last use and address, at most once a minute per token (or when the address changes):
 * a compare-and-set on the value read, so of parallel requests one writes and none waits.
 */
async function recordUse(
  token: { id: number; lastUsedAt: Date | null; lastClientAddress: string | null },
  client: string,
  now: Date,
): Promise<void> {
  if (!shouldRecordUse(token, client, now)) return;
  await db().apiToken.updateMany({
    where: { id: token.id, lastUsedAt: token.lastUsedAt },
    data: { lastUsedAt: now, lastClientAddress: client },
  });
}

import { formatApiToken } from "@/lib/domain/tokens/api-token";
import { normaliseTokenCidrs } from "@/lib/domain/tokens/token-cidrs";
import { tokenInputProblems, type CreateApiTokenInput } from "@/lib/domain/tokens/token-input";
import type { ApiTokenCreatedResponse } from "@/lib/domain/tokens/token-views";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError, assertValid } from "@/lib/server/errors/app-error";
import { hashTokenSecret, newLookupId, newTokenSecret } from "./api-token-secret";
import { API_TOKEN_VIEW_SELECT, toApiTokenView } from "./to-api-token-view";

const DAY_MS = 86_400_000;

/**
 * A personal token (owned by the actor's user) or, for admins, a service token (no owner).
 * The token is answered once; only the hash of its secret is stored, and the audit event
 * carries the view (name, role, hint), never the secret.
 */
export async function createApiToken(
  actor: Actor,
  input: CreateApiTokenInput,
  now = new Date(),
): Promise<ApiTokenCreatedResponse> {
  assertValid(
    tokenInputProblems(input, { role: actor.role, hasOwner: actor.userId !== null }),
    "the token cannot be created",
  );
  const cidrs = normaliseTokenCidrs(input.allowedCidrs);
  if (!cidrs.ok) throw new AppError("internal", "allowedCidrs passed the check and then failed it");
  const lookupId = newLookupId();
  const secret = newTokenSecret();
  const ownerId = input.service ? null : actor.userId;
  const view = await writeTransaction(
    actor,
    async (tx, audit) => {
      if (ownerId !== null) {
        // The owner's role now (the actor may be a token of a since-demoted user).
        const owner = await tx.user.findUnique({ where: { id: ownerId } });
        if (!owner || owner.disabled) throw new AppError("forbidden", "a disabled user cannot create tokens");
      }
      const taken = await tx.apiToken.findFirst({ where: { ownerId, name: input.name, revokedAt: null } });
      if (taken) {
        const whose = ownerId === null ? "a service token" : "you already have a token";
        const message = `${whose} named ${input.name}; revoke it or choose another name`;
        throw new AppError("conflict", message, { name: [message] });
      }
      const row = await tx.apiToken.create({
        data: {
          lookupId,
          secretHash: hashTokenSecret(secret),
          name: input.name,
          role: input.role,
          ownerId,
          createdBy: actor.username,
          createdAt: now,
          expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null,
          allowedCidrs: JSON.stringify(cidrs.value),
        },
        select: API_TOKEN_VIEW_SELECT,
      });
      const v = toApiTokenView(row, now);
      const whose = v.owner ? `for ${v.owner.username}` : "(service token)";
      audit(
        { type: "user", id: ownerId, action: "token.create" },
        null,
        v,
        `created API token ${JSON.stringify(v.name)} ${whose}, role ${v.role}`,
      );
      return v;
    },
    { retryOnUnique: (v) => v.model === "ApiToken" },
  );
  return { token: view, secret: formatApiToken({ lookupId, secret }) };
}

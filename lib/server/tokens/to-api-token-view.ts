import { tokenHint } from "@/lib/domain/tokens/api-token";
import { ZRole } from "@/lib/domain/role";
import type { ApiTokenView } from "@/lib/domain/tokens/token-views";

export type ApiTokenRow = {
  id: number;
  lookupId: string;
  name: string;
  role: string;
  owner: { id: number; username: string } | null;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  allowedCidrs: string;
  lastUsedAt: Date | null;
  lastClientAddress: string | null;
  revokedAt: Date | null;
};

/** Select this to build a view: never the hash. */
export const API_TOKEN_VIEW_SELECT = {
  id: true,
  lookupId: true,
  name: true,
  role: true,
  owner: { select: { id: true, username: true } },
  createdBy: true,
  createdAt: true,
  expiresAt: true,
  allowedCidrs: true,
  lastUsedAt: true,
  lastClientAddress: true,
  revokedAt: true,
} as const;

export function toApiTokenView(t: ApiTokenRow, now: Date): ApiTokenView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const state = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= now ? "expired" : "active";
  return {
    id: t.id,
    name: t.name,
    role: ZRole.parse(t.role),
    hint: tokenHint(t.lookupId),
    owner: t.owner,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    expiresAt: iso(t.expiresAt),
    allowedCidrs: JSON.parse(t.allowedCidrs) as string[],
    lastUsedAt: iso(t.lastUsedAt),
    lastClientAddress: t.lastClientAddress,
    revokedAt: iso(t.revokedAt),
    state,
  };
}

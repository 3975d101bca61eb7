import { err, ok, type Result } from "../result";
import { ROLES, type Role } from "../role";

/**
 * An API token as the client holds it: `bdt_<lookupId>_<secret>`. The prefix lets secret
 * scanners (GitHub's, gitleaks) recognise a leaked one; the lookup id finds the row without
 * a search over hashes; the secret is 43 base62 characters (256 bits), of which only a
 * hash is stored. Base62 only, so a double click selects the whole token.
 */
export const TOKEN_PREFIX = "bdt_";
export const LOOKUP_ID_LENGTH = 12;
export const SECRET_LENGTH = 43;
const SHAPE = new RegExp(`^${TOKEN_PREFIX}([0-9A-Za-z]{${LOOKUP_ID_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})$`);

export type ApiTokenParts = { lookupId: string; secret: string };

export function formatApiToken(parts: ApiTokenParts): string {
  return `${TOKEN_PREFIX}${parts.lookupId}_${parts.secret}`;
}

/** What the list shows of a token: enough to recognise it, nothing to use. */
export function tokenHint(lookupId: string): string {
  return `${TOKEN_PREFIX}${lookupId}_…`;
}

/**
 * Splits a presented token. The error never repeats the text: it may be a real secret
 * pasted with a typo, and error messages end up in logs.
 */
export function parseApiToken(text: string): Result<ApiTokenParts> {
  const match = SHAPE.exec(text);
  if (!match) {
    return err(
      text.startsWith(TOKEN_PREFIX)
        ? `the bearer token is malformed: expected ${TOKEN_PREFIX} + ${LOOKUP_ID_LENGTH} + _ + ${SECRET_LENGTH} ` +
            "letters and digits (was it cut short when copied?)"
        : `the bearer token is not a Branchdesk API token (they start with ${TOKEN_PREFIX})`,
    );
  }
  return ok({ lookupId: match[1]!, secret: match[2]! });
}

/**
 * Reads an Authorization header: null when there is none (a cookie request), else the
 * token's parts or why the header cannot be one.
 */
export function parseAuthorization(header: string | null): Result<ApiTokenParts> | null {
  if (header === null) return null;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) return err("the Authorization header must be `Bearer bdt_…` (no other scheme is accepted)");
  return parseApiToken(match[1]!);
}

/** A token acts with the lower of its own role and its owner's current one. */
export function effectiveRole(tokenRole: Role, ownerRole: Role | null): Role {
  if (ownerRole === null) return tokenRole;
  return ROLES[Math.min(ROLES.indexOf(tokenRole), ROLES.indexOf(ownerRole))]!;
}

// Last use is written at most this often per token (and when the client address changes):
// a script polling every second must not turn every read into a write.
export const USE_RECORD_INTERVAL_MS = 60_000;

export function shouldRecordUse(
  last: { lastUsedAt: Date | null; lastClientAddress: string | null },
  client: string,
  now: Date,
): boolean {
  if (!last.lastUsedAt || last.lastClientAddress !== client) return true;
  return now.getTime() - last.lastUsedAt.getTime() >= USE_RECORD_INTERVAL_MS;
}

import { ROLES, type Role } from "../role";
import type { RoleMapping } from "./directory-settings";

/**
 * A DN as compared here: case and the spaces around separators do not matter
 * ("CN=NOC, ou=Groups" is "cn=noc,ou=groups"), as in 389 DS and OpenLDAP for the
 * usual attribute types (cn, ou, dc, uid: case-insensitive strings).
 */
export function normalizeDn(dn: string): string {
  return dn
    .trim()
    .replace(/\s*([,=+])\s*/g, "$1")
    .toLowerCase();
}

/** The highest role any of the user's groups maps to; null when none is mapped (sign-in is refused). */
export function roleFromGroups(groupDns: readonly string[], roleMap: readonly RoleMapping[]): Role | null {
  const member = new Set(groupDns.map(normalizeDn));
  let best: Role | null = null;
  for (const m of roleMap) {
    if (!member.has(normalizeDn(m.groupDn))) continue;
    if (best === null || ROLES.indexOf(m.role) > ROLES.indexOf(best)) best = m.role;
  }
  return best;
}

/**
 * Why a username can never be a directory login, or null. The search filter is built by
 * ldapts (EqualityFilter escapes * ( ) \ and NUL), so this is a second fence, not the
 * first: a control character (NUL above all, which C servers read as the end of the
 * value) has no business in a login name.
 */
export function directoryUsernameProblem(username: string): string | null {
  if (/[\u0000-\u001f\u007f]/.test(username)) return "a username cannot contain control characters (NUL, tab, newline)";
  return null;
}

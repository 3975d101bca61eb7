import { ResultCodeError } from "ldapts";
import type { DirectoryConfig } from "@/lib/domain/directory/directory-settings";
import { findUser, groupsListing, withDirectory, type DirectoryEntry } from "./directory-client";

export type DirectoryVerdict = ({ kind: "ok" } & DirectoryEntry) | { kind: "unknown" } | { kind: "wrong-password" };

/**
 * The sign-in against the directory: search the user as the search account (escaped
 * filter), bind as the user with the password, bind back as the search account and read
 * the groups. Throws DirectoryUnreachable (every replica down) or DirectoryRefused.
 */
export async function authenticateInDirectory(
  config: DirectoryConfig,
  username: string,
  password: string,
): Promise<DirectoryVerdict> {
  // An empty password is an "unauthenticated bind" (RFC 4513 5.1.2), which many servers
  // accept: it must never count as a right one. (ZSignInInput already requires one.)
  if (password === "") return { kind: "wrong-password" };
  return withDirectory(config, async (client) => {
    const entry = await findUser(client, config, username);
    if (!entry) return { kind: "unknown" as const };
    try {
      await client.bind(entry.dn, password);
    } catch (error) {
      // invalidCredentials, or a locked or expired account (389 DS password policy answers
      // unwillingToPerform / constraintViolation): the same answer, without saying which.
      if (error instanceof ResultCodeError) return { kind: "wrong-password" as const };
      throw error;
    }
    await client.bind(config.bindDn, config.bindPassword);
    const listed = await groupsListing(client, config, entry.dn);
    return { kind: "ok" as const, dn: entry.dn, groups: [...entry.groups, ...listed] };
  });
}

/** The re-check of an open session: the entry and its groups as the directory says now, or null (gone). */
export async function lookUpInDirectory(config: DirectoryConfig, username: string): Promise<DirectoryEntry | null> {
  return withDirectory(config, async (client) => {
    const entry = await findUser(client, config, username);
    if (!entry) return null;
    return { dn: entry.dn, groups: [...entry.groups, ...(await groupsListing(client, config, entry.dn))] };
  });
}

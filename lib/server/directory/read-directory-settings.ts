import { readFileSync } from "node:fs";
import { directorySettingsFromEnv } from "@/lib/domain/directory/directory-env";
import {
  DEFAULT_DIRECTORY_SETTINGS,
  ZDirectorySettings,
  type DirectoryConfig,
  type DirectorySettings,
} from "@/lib/domain/directory/directory-settings";
import { db } from "@/lib/server/db/client";

export type StoredDirectorySettings = {
  settings: DirectorySettings;
  bindPassword: string;
  managedBy: "database" | "environment";
  updatedAt: Date | null;
  updatedBy: string | null;
};

/**
 * The directory settings in force: the BRANCHDESK_LDAP_* environment when
 * BRANCHDESK_LDAP_URLS is set (the CA from BRANCHDESK_LDAP_CA_FILE), else the one
 * database row, else the defaults (directory sign-in off).
 */
export async function readDirectorySettings(env = process.env): Promise<StoredDirectorySettings> {
  const fromEnv = directorySettingsFromEnv(env, (path) => readFileSync(path, "utf8"));
  if (fromEnv) return { ...fromEnv, managedBy: "environment", updatedAt: null, updatedBy: "environment" };
  const row = await db().directorySettings.findUnique({ where: { id: 1 } });
  if (!row) {
    return {
      settings: { ...DEFAULT_DIRECTORY_SETTINGS },
      bindPassword: "",
      managedBy: "database",
      updatedAt: null,
      updatedBy: null,
    };
  }
  // Stored JSON was validated on the way in; a row edited by hand that no longer parses
  // switches directory sign-in off rather than half-working.
  const parsed = ZDirectorySettings.safeParse({
    ...row,
    urls: JSON.parse(row.urls) as unknown,
    roleMap: JSON.parse(row.roleMap) as unknown,
  });
  const settings = parsed.success ? parsed.data : { ...DEFAULT_DIRECTORY_SETTINGS };
  return {
    settings,
    bindPassword: row.bindPassword,
    managedBy: "database",
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** What sign-in uses: the configuration, or null while directory sign-in is off. */
export async function readDirectoryConfig(env = process.env): Promise<DirectoryConfig | null> {
  const stored = await readDirectorySettings(env);
  return stored.settings.enabled ? { ...stored.settings, bindPassword: stored.bindPassword } : null;
}

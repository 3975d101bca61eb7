import type { DirectorySettingsResponse } from "@/lib/domain/directory/directory-settings";
import { readDirectorySettings } from "./read-directory-settings";

/** The settings as the admin page and GET /directory-settings show them: never the bind password. */
export async function getDirectorySettings(): Promise<DirectorySettingsResponse> {
  const s = await readDirectorySettings();
  return {
    settings: s.settings,
    bindPasswordSet: s.bindPassword !== "",
    managedBy: s.managedBy,
    updatedAt: s.updatedAt?.toISOString() ?? null,
    updatedBy: s.updatedBy,
  };
}

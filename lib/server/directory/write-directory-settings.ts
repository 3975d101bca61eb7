import { addFieldError, summarizeFieldErrors, type FieldErrors } from "@/lib/domain/field-errors";
import {
  directorySettingsProblems,
  type DirectorySettings,
  type DirectorySettingsInput,
  type DirectorySettingsResponse,
} from "@/lib/domain/directory/directory-settings";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import { getDirectorySettings } from "./get-directory-settings";
import { readDirectorySettings } from "./read-directory-settings";

/**
 * Saves the directory settings (the one row, id 1). bindPassword omitted or "" keeps the
 * saved password. Refused while the environment manages them (BRANCHDESK_LDAP_URLS), and
 * when an enabled configuration lacks a piece (every problem at once, by field). Audited
 * `directory-settings.update` with the values before and after; the password only as
 * "changed", never its text.
 */
export async function writeDirectorySettings(
  actor: Actor,
  input: DirectorySettingsInput,
): Promise<DirectorySettingsResponse> {
  const before = await readDirectorySettings();
  if (before.managedBy === "environment") {
    throw new AppError(
      "conflict",
      "the directory settings come from BRANCHDESK_LDAP_* environment variables: change them there, or unset " +
        "BRANCHDESK_LDAP_URLS to manage them here",
    );
  }
  const { bindPassword: newPassword, ...settings } = input;
  const bindPassword = newPassword ? newPassword : before.bindPassword;
  const fields: FieldErrors = {};
  for (const p of directorySettingsProblems(settings, bindPassword !== "")) addFieldError(fields, p.path, p.message);
  if (Object.keys(fields).length) {
    throw new AppError("validation", `invalid input — ${summarizeFieldErrors(fields)}`, fields);
  }
  await writeTransaction(actor, async (tx, audit) => {
    const data = {
      ...settings,
      urls: JSON.stringify(settings.urls),
      roleMap: JSON.stringify(settings.roleMap),
      bindPassword,
      updatedBy: actor.username,
    };
    await tx.directorySettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const changed = (Object.keys(settings) as (keyof DirectorySettings)[]).filter(
      (k) => JSON.stringify(before.settings[k]) !== JSON.stringify(settings[k]),
    );
    if (bindPassword !== before.bindPassword) changed.push("bindPassword" as keyof DirectorySettings);
    const summary = changed.length
      ? `changed the directory settings: ${changed.join(", ")}${settings.enabled ? "" : " (directory sign-in off)"}`
      : "saved the directory settings unchanged";
    const entity = { type: "directory-settings" as const, id: 1, action: "directory-settings.update" };
    const passwordChanged = bindPassword !== before.bindPassword;
    audit(entity, before.settings, { ...settings, bindPasswordChanged: passwordChanged }, summary);
  });
  return getDirectorySettings();
}

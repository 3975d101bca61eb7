import { apiHandler } from "@/app/_server/api-handler";
import { ZDirectorySettingsInput, ZDirectorySettingsResponse } from "@/lib/domain/directory/directory-settings";
import { getDirectorySettings } from "@/lib/server/directory/get-directory-settings";
import { writeDirectorySettings } from "@/lib/server/directory/write-directory-settings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "admin",
    summary: "Directory (LDAP) sign-in settings; the bind password is never answered, only bindPasswordSet",
    response: ZDirectorySettingsResponse,
  },
  async () => getDirectorySettings(),
);

/** Every field at once (a PUT); bindPassword omitted or "" keeps the saved one. Audited. */
export const PUT = apiHandler(
  {
    role: "admin",
    summary: "Save the directory sign-in settings (409 while BRANCHDESK_LDAP_URLS manages them)",
    body: ZDirectorySettingsInput,
    response: ZDirectorySettingsResponse,
  },
  async ({ actor, body }) => writeDirectorySettings(actor, body),
);

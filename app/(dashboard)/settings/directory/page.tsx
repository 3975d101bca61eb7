import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { DirectorySettingsForm } from "@/app/_components/directory/directory-settings-form";
import { getDirectorySettings } from "@/lib/server/directory/get-directory-settings";

export const metadata: Metadata = { title: "Directory sign-in" };

/** LDAP / 389 Directory Server sign-in (issue 14), for admins. */
export default async function DirectorySettingsPage() {
  await guard("admin", "page");
  const initial = await getDirectorySettings();
  return (
    <>
      <PageHeader
        title="Directory sign-in"
        context="Sign in with the bank's directory (LDAP); roles from groups. Local accounts keep working."
      />
      <DirectorySettingsForm initial={initial} />
    </>
  );
}

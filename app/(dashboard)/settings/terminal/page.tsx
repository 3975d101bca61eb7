import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { TerminalSettingsForm } from "@/app/_components/terminal/terminal-settings-form";
import { getTerminalSettings } from "@/lib/server/terminal/get-terminal-settings";

export const metadata: Metadata = { title: "Terminal settings" };

/** The web terminal's limits and recording settings (admins). */
export default async function TerminalSettingsPage() {
  await guard("admin", "page");
  const initial = await getTerminalSettings();
  return (
    <>
      <PageHeader
        title="Terminal settings"
        context="Idle timeout, session length and concurrency limits, and what recordings hold"
      />
      <TerminalSettingsForm initial={initial} />
    </>
  );
}

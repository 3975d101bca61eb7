import type { TerminalSettingsResponse } from "@/lib/domain/terminal/terminal-session-views";
import { db } from "@/lib/server/db/client";
import { readTerminalSettings } from "./read-terminal-settings";

/** The settings as the admin page and GET /terminal-settings show them: values, and who saved them when. */
export async function getTerminalSettings(): Promise<TerminalSettingsResponse> {
  const [settings, row] = await Promise.all([
    readTerminalSettings(),
    db().terminalSettings.findUnique({ where: { id: 1 }, select: { updatedAt: true, updatedBy: true } }),
  ]);
  return { settings, updatedAt: row?.updatedAt.toISOString() ?? null, updatedBy: row?.updatedBy ?? null };
}

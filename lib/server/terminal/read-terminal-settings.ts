import { TERMINAL_SETTINGS_DEFAULTS, type TerminalSettings } from "@/lib/domain/terminal/terminal-settings";
import { db } from "@/lib/server/db/client";

/** The terminal's settings: the one row, or the defaults until an admin saves some. */
export async function readTerminalSettings(): Promise<TerminalSettings> {
  const row = await db().terminalSettings.findUnique({ where: { id: 1 } });
  if (!row) return { ...TERMINAL_SETTINGS_DEFAULTS };
  return {
    idleTimeoutSeconds: row.idleTimeoutSeconds,
    idleWarningSeconds: row.idleWarningSeconds,
    maxSessionSeconds: row.maxSessionSeconds,
    maxPerUser: row.maxPerUser,
    maxTotal: row.maxTotal,
    recordInput: row.recordInput,
    sessionCapKiB: row.sessionCapKiB,
    totalCapKiB: row.totalCapKiB,
  };
}

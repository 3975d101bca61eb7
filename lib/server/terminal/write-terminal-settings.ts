import type { TerminalSettings } from "@/lib/domain/terminal/terminal-settings";
import type { TerminalSettingsResponse } from "@/lib/domain/terminal/terminal-session-views";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { readTerminalSettings } from "./read-terminal-settings";

/**
 * Saves the terminal's settings: the one row (id 1), created on the first save.
 * The input was checked by ZTerminalSettingsInput (bounds, warning before
 * timeout). Audited `terminal-settings.update` with the values before and after.
 * Sessions already open keep the limits they opened with; new ones get these.
 */
export async function writeTerminalSettings(
  actor: Actor,
  settings: TerminalSettings,
): Promise<TerminalSettingsResponse> {
  const before = await readTerminalSettings();
  const row = await writeTransaction(actor, async (tx, audit) => {
    const data = { ...settings, updatedBy: actor.username };
    const saved = await tx.terminalSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const changed = (Object.keys(settings) as (keyof TerminalSettings)[]).filter((k) => before[k] !== settings[k]);
    const summary = changed.length
      ? `changed the terminal settings: ${changed.map((k) => `${k} ${before[k]} -> ${settings[k]}`).join(", ")}`
      : "saved the terminal settings unchanged";
    const entity = { type: "terminal-settings" as const, id: 1, action: "terminal-settings.update" };
    audit(entity, before, settings, summary);
    return saved;
  });
  return { settings, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
}

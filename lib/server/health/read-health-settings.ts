import { db, type Db } from "@/lib/server/db/client";

export type HealthSettingsValues = {
  intervalSeconds: number;
  rawRetentionDays: number;
  hourRetentionDays: number;
  eventRetentionDays: number;
  webhookUrl: string | null;
  webhookSecret: string | null;
};

export const HEALTH_DEFAULTS: HealthSettingsValues = {
  intervalSeconds: 300,
  rawRetentionDays: 14,
  hourRetentionDays: 180,
  eventRetentionDays: 180,
  webhookUrl: null,
  webhookSecret: null,
};

/**
 * The settings row (id 1) or the defaults. BRANCHDESK_HEALTH_INTERVAL (seconds) overrides the
 * schedule for a process, e.g. a lab demo sweeping every 30 s, without touching the shared row.
 */
export async function readHealthSettings(client: Db = db()): Promise<HealthSettingsValues> {
  const row = await client.healthSettings.findUnique({ where: { id: 1 } });
  const values = row ? { ...HEALTH_DEFAULTS, ...pick(row) } : { ...HEALTH_DEFAULTS };
  const env = Number(process.env.BRANCHDESK_HEALTH_INTERVAL);
  if (Number.isInteger(env) && env >= 10 && env <= 86_400) values.intervalSeconds = env;
  return values;
}

function pick(row: HealthSettingsValues): HealthSettingsValues {
  const { intervalSeconds, rawRetentionDays, hourRetentionDays, eventRetentionDays, webhookUrl, webhookSecret } = row;
  return { intervalSeconds, rawRetentionDays, hourRetentionDays, eventRetentionDays, webhookUrl, webhookSecret };
}

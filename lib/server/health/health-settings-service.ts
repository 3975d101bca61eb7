import type { HealthSettingsInput, HealthSettingsResponse } from "@/lib/domain/health/health-settings";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { readHealthSettings } from "./read-health-settings";

/** GET /api/v1/health/settings: the values (never the secret), and the webhook's backlog. */
export async function getHealthSettings(): Promise<HealthSettingsResponse> {
  const [s, row, pending, failed, last] = await Promise.all([
    readHealthSettings(),
    db().healthSettings.findUnique({ where: { id: 1 }, select: { updatedAt: true, updatedBy: true } }),
    db().healthWebhookDelivery.count({ where: { status: "pending" } }),
    db().healthWebhookDelivery.count({ where: { status: "failed" } }),
    db().healthWebhookDelivery.findFirst({ where: { lastError: { not: null } }, orderBy: { id: "desc" } }),
  ]);
  return {
    settings: {
      intervalSeconds: s.intervalSeconds,
      rawRetentionDays: s.rawRetentionDays,
      hourRetentionDays: s.hourRetentionDays,
      eventRetentionDays: s.eventRetentionDays,
      webhookUrl: s.webhookUrl,
      webhookSecretSet: !!s.webhookSecret,
    },
    webhook: { pending, failed, lastError: last?.lastError ?? null },
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** PUT: every value at once; the secret is kept when omitted. Audited, with the secret shown only as set/unset. */
export async function writeHealthSettings(actor: Actor, input: HealthSettingsInput): Promise<HealthSettingsResponse> {
  const before = await readHealthSettings();
  await writeTransaction(actor, async (tx, audit) => {
    const { webhookSecret, ...rest } = input;
    const data = { ...rest, ...(webhookSecret !== undefined ? { webhookSecret } : {}), updatedBy: actor.username };
    await tx.healthSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const shown = (v: typeof before | HealthSettingsInput) => ({
      ...v,
      webhookSecret: v.webhookSecret === undefined ? "(kept)" : v.webhookSecret ? "(set)" : null,
    });
    audit(
      { type: "health-settings" as const, id: 1, action: "health-settings.update" },
      shown(before),
      shown(input),
      `saved the health settings: every ${input.intervalSeconds}s, raw ${input.rawRetentionDays}d, ` +
        `hourly ${input.hourRetentionDays}d, webhook ${input.webhookUrl ?? "off"}`,
    );
  });
  return getHealthSettings();
}

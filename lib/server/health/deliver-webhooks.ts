import { createHmac } from "node:crypto";
import type { Db } from "@/lib/server/db/client";
import { readHealthSettings } from "./read-health-settings";

export const WEBHOOK_SIGNATURE_HEADER = "X-Branchdesk-Signature";
/** Attempts before a delivery is given up (back-off 10 s, 20 s, 40 s ... capped at 1 h). */
export const WEBHOOK_MAX_ATTEMPTS = 8;

/** "sha256=<hex HMAC-SHA256 of the body>", as GitHub's X-Hub-Signature-256: receivers verify the exact bytes. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends due deliveries (pending, nextAttemptAt passed), oldest first: a 2xx is delivered;
 * anything else is retried with back-off until WEBHOOK_MAX_ATTEMPTS, then failed with the
 * last error kept. Each is claimed by moving nextAttemptAt first, so two instances never
 * send the same delivery at once.
 */
export async function deliverWebhooks(
  client: Db,
  opts: { now?: Date; fetch?: typeof fetch; timeoutMs?: number; max?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const settings = await readHealthSettings(client);
  if (!settings.webhookUrl) return { sent: 0, failed: 0 };
  const now = opts.now ?? new Date();
  const doFetch = opts.fetch ?? fetch;
  const due = await client.healthWebhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { id: "asc" },
    take: opts.max ?? 100,
  });
  let sent = 0;
  let failed = 0;
  for (const d of due) {
    const attempts = d.attempts + 1;
    const claimed = await client.healthWebhookDelivery.updateMany({
      where: { id: d.id, status: "pending", attempts: d.attempts },
      data: { attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) },
    });
    if (claimed.count === 0) continue; // another instance has it
    let error: string | null = null;
    try {
      const res = await doFetch(settings.webhookUrl, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "branchdesk-health",
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(settings.webhookSecret ?? "", d.payload),
        },
        body: d.payload,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        redirect: "manual",
      });
      if (res.status < 200 || res.status > 299) error = `HTTP ${res.status} from ${settings.webhookUrl}`;
    } catch (e) {
      error = `${settings.webhookUrl}: ${(e as Error).message}`;
    }
    if (error === null) {
      await client.healthWebhookDelivery.update({
        where: { id: d.id },
        data: { status: "delivered", deliveredAt: new Date(), lastError: null },
      });
      sent++;
    } else {
      const giveUp = attempts >= WEBHOOK_MAX_ATTEMPTS;
      await client.healthWebhookDelivery.update({
        where: { id: d.id },
        data: { lastError: error.slice(0, 500), ...(giveUp ? { status: "failed" } : {}) },
      });
      if (giveUp) failed++;
    }
  }
  return { sent, failed };
}

import { db, type Db } from "@/lib/server/db/client";
import { INSTANCE_ID } from "@/lib/server/rollouts/instance-id";
import { applyRetention } from "./apply-retention";
import { deliverWebhooks } from "./deliver-webhooks";
import { readHealthSettings } from "./read-health-settings";
import { scheduleSlot, sweepHealth } from "./sweep-health";

/**
 * The schedule: a sweep at each interval boundary (every instance computes the same
 * slot, and the leases split the boxes between them), retention once an hour, webhook
 * deliveries every 10 s. Started by scripts/serve.ts only; tests start it themselves.
 * A sweep still running at the next boundary makes that boundary skipped, not queued.
 */
export function startHealthScheduler(opts: { client?: Db; instanceId?: string; log?: (line: string) => void } = {}): {
  stop(): void;
} {
  const client = opts.client ?? db();
  const log = opts.log ?? ((line: string) => console.log(`[branchdesk] health: ${line}`));
  let stopped = false;
  let running = false;
  let lastRetention = 0;
  let timer: NodeJS.Timeout | undefined;
  let first = true;
  const tick = async () => {
    if (stopped) return;
    const settings = await readHealthSettings(client).catch(() => null);
    const intervalMs = (settings?.intervalSeconds ?? 300) * 1000;
    const now = new Date();
    const slot = scheduleSlot(now, intervalMs / 1000);
    // A tick armed for the old interval's boundary finds the interval changed: the new one
    // takes effect at once, and this tick only re-arms (the first tick always sweeps).
    const due = first || now.getTime() - new Date(slot).getTime() < 60_000;
    first = false;
    if (due && !running) {
      running = true;
      sweepHealth({ fleet: true }, { trigger: "schedule", client, instanceId: opts.instanceId ?? INSTANCE_ID, slot })
        .then((r) => r.boxes && log(`sweep ${slot}: ${r.boxes} box(es) probed by this instance`))
        .then(async () => {
          if (Date.now() - lastRetention > 3_600_000) {
            lastRetention = Date.now();
            const r = await applyRetention(client);
            if (r.rawDeleted || r.hourDeleted || r.events) log(`retention: ${JSON.stringify(r)}`);
          }
        })
        .catch((e: unknown) => log(`sweep ${slot} failed: ${(e as Error).message}`))
        .finally(() => (running = false));
    }
    const next = Math.floor(now.getTime() / intervalMs) * intervalMs + intervalMs;
    timer = setTimeout(() => void tick(), Math.max(1_000, next - Date.now()));
  };
  const hooks = setInterval(() => {
    deliverWebhooks(client).catch((e: unknown) => log(`webhook delivery failed: ${(e as Error).message}`));
  }, 10_000);
  timer = setTimeout(() => void tick(), 5_000);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(hooks);
    },
  };
}

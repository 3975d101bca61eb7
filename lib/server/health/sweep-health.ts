import { randomBytes } from "node:crypto";
import { loadFleetKey } from "@/lib/ssh/fleet-key";
import { sshConfig } from "@/lib/server/config/ssh-config";
import { db, type Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { INSTANCE_ID } from "@/lib/server/rollouts/instance-id";
import { collectBranch, type CollectOptions } from "./collect-branch";
import { loadHealthTargets } from "./load-health-targets";
import { readHealthSettings } from "./read-health-settings";
import { runSweep } from "./run-sweep";

export type SweepScope = { fleet: true } | { branch: string } | { box: string };

/** A bound on work in flight, shared by every branch of a sweep. */
export function limiter(max: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (run) => {
    if (active >= max) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await run();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

/** The slot a scheduled sweep at `now` belongs to: the interval's start, as every instance computes it. */
export function scheduleSlot(now: Date, intervalSeconds: number): string {
  const ms = intervalSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms).toISOString();
}

/**
 * A sweep over SSH: scheduled (slot = the interval) or Check now (a slot of its own, so it
 * never collides with the schedule's leases). BRANCHDESK_HEALTH_CONCURRENCY bounds boxes in flight.
 */
export async function sweepHealth(
  scope: SweepScope,
  opts: {
    trigger: "schedule" | "check-now";
    client?: Db;
    instanceId?: string;
    slot?: string;
    now?: Date;
    onProbed?: (keys: string[]) => void;
    env?: CollectOptions["env"];
  } = { trigger: "check-now" },
): Promise<{ sweepId: number; boxes: number }> {
  const client = opts.client ?? db();
  const now = opts.now ?? new Date();
  const settings = await readHealthSettings(client);
  const codes = "branch" in scope ? [scope.branch] : undefined;
  let branches = await loadHealthTargets(client, codes);
  let only: Set<string> | undefined;
  if ("box" in scope) {
    branches = branches.filter((b) => b.gateway?.key === scope.box || b.hosts.some((h) => h.key === scope.box));
    only = new Set([scope.box]);
  }
  if (("branch" in scope || "box" in scope) && branches.length === 0) {
    throw new AppError("not_found", `${"branch" in scope ? `branch ${scope.branch}` : scope.box} does not exist`);
  }
  const config = sshConfig();
  const key = await loadFleetKey(config.fleetKeyPath);
  if (!key.ok) throw new AppError("unavailable", `the fleet SSH key cannot be used: ${key.error} (BRANCHDESK_SSH_KEY)`);
  const concurrency = Number(process.env.BRANCHDESK_HEALTH_CONCURRENCY) || 64;
  const limit = limiter(concurrency);
  const slot =
    opts.slot ??
    (opts.trigger === "schedule"
      ? scheduleSlot(now, settings.intervalSeconds)
      : `${now.toISOString()}/now-${randomBytes(4).toString("hex")}`);
  return runSweep({
    client,
    instanceId: opts.instanceId ?? INSTANCE_ID,
    slot,
    trigger: opts.trigger,
    branches,
    only,
    webhook: !!settings.webhookUrl,
    onProbed: opts.onProbed,
    branchConcurrency: Math.max(2, Math.ceil(concurrency / 8)),
    collect: (branch, mine) =>
      collectBranch(branch, mine, {
        fleetKey: key.value,
        connectTimeoutMs: Math.min(config.connectTimeoutMs, 8_000),
        commandTimeoutMs: 20_000,
        probeTimeoutMs: 5_000,
        limit,
        env: opts.env,
      }),
  });
}

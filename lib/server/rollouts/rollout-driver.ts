import type { TargetDriver } from "@/lib/rollout/rollout-types";
import { sshTargetDriver } from "@/lib/rollout/ssh/ssh-target-driver";
import type { RolloutWork } from "@/lib/rollout/ssh/target-spec";
import { loadFleetKey } from "@/lib/ssh/fleet-key";
import { sshConfig } from "@/lib/server/config/ssh-config";
import { AppError } from "@/lib/server/errors/app-error";

/** The production driver: SSH with the fleet key from configuration. */
export async function rolloutDriver(work: RolloutWork): Promise<TargetDriver & { close(): Promise<void> }> {
  const config = sshConfig();
  const key = await loadFleetKey(config.fleetKeyPath);
  if (!key.ok)
    throw new AppError("unavailable", `the fleet SSH key cannot be used: ${key.error} (set BRANCHDESK_SSH_KEY)`);
  return sshTargetDriver(work.specs, {
    fleetKey: key.value,
    confirmTimeoutSeconds: config.confirmTimeoutSeconds,
    connectTimeoutMs: config.connectTimeoutMs,
  });
}

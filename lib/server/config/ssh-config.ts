import path from "node:path";
import { z } from "zod";

const ZSshEnv = z.object({
  BRANCHDESK_SSH_KEY: z.string().trim().min(1).optional(),
  BRANCHDESK_CONFIRM_TIMEOUT: z.coerce
    .number()
    .int()
    .min(5, "BRANCHDESK_CONFIRM_TIMEOUT must be at least 5 seconds")
    .max(600)
    .default(30),
  BRANCHDESK_SSH_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
});

export type SshConfig = { fleetKeyPath: string; confirmTimeoutSeconds: number; connectTimeoutMs: number };

/** The fleet key's path (the key itself never enters the database) and rollout timings. */
export function sshConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): SshConfig {
  const parsed = ZSshEnv.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  return {
    fleetKeyPath: path.resolve(cwd, parsed.data.BRANCHDESK_SSH_KEY ?? path.join("data", "fleet_ed25519")),
    confirmTimeoutSeconds: parsed.data.BRANCHDESK_CONFIRM_TIMEOUT,
    connectTimeoutMs: parsed.data.BRANCHDESK_SSH_CONNECT_TIMEOUT_MS,
  };
}

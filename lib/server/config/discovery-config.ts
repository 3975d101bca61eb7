import { z } from "zod";
import { DEFAULT_SWEEP_BOUNDS, type SweepBounds } from "@/lib/domain/discovery/sweep-plan";

// The hard ceiling on maxAddresses: the kernel's default gc_thresh3 is 1024 neighbour entries for the whole
// gateway (guests and hosts included); an unanswered sweep address holds one (FAILED) until it is collected.
const ZDiscoveryEnv = z.object({
  BRANCHDESK_DISCOVERY_WINDOW: z.coerce.number().int().min(1).max(4096).default(DEFAULT_SWEEP_BOUNDS.window),
  BRANCHDESK_DISCOVERY_HEADROOM: z.coerce.number().int().min(0).max(1024).default(DEFAULT_SWEEP_BOUNDS.headroom),
  BRANCHDESK_DISCOVERY_MAX_ADDRESSES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024, "BRANCHDESK_DISCOVERY_MAX_ADDRESSES above 1024 would overflow a gateway's neighbour table")
    .default(DEFAULT_SWEEP_BOUNDS.maxAddresses),
  BRANCHDESK_DISCOVERY_SETTLE_SECONDS: z.coerce.number().int().min(1).max(10).default(2),
  BRANCHDESK_DISCOVERY_TIMEOUT_MS: z.coerce.number().int().min(5_000).max(300_000).default(60_000),
});

export type DiscoveryConfig = {
  bounds: SweepBounds;
  /** How long the gateway waits for ARP answers after asking. */
  settleSeconds: number;
  /** The whole discovery: connect, sweep and every key scan. */
  timeoutMs: number;
};

/** How much of a branch's link-local pool a discovery sweeps, and how long it may take (sweep-plan.ts says why). */
export function discoveryConfig(env: NodeJS.ProcessEnv = process.env): DiscoveryConfig {
  const parsed = ZDiscoveryEnv.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  const d = parsed.data;
  return {
    bounds: {
      window: d.BRANCHDESK_DISCOVERY_WINDOW,
      headroom: d.BRANCHDESK_DISCOVERY_HEADROOM,
      maxAddresses: d.BRANCHDESK_DISCOVERY_MAX_ADDRESSES,
    },
    settleSeconds: d.BRANCHDESK_DISCOVERY_SETTLE_SECONDS,
    timeoutMs: d.BRANCHDESK_DISCOVERY_TIMEOUT_MS,
  };
}

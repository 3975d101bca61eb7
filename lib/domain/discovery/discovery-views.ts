import { z } from "zod";

/** One box on the branch LAN that answered and is not in the inventory. */
export const ZDiscoveredBox = z
  .object({
    linkLocalIp: z.string().meta({ description: "the link-local address it answered on" }),
    mac: z.string().meta({ description: "the MAC that answered ARP for it (the host's NIC, or its bridge)" }),
    fingerprint: z
      .string()
      .nullable()
      .meta({ description: "its SSH host key (SHA256:...) as scanned through the gateway; null if the scan failed" }),
    keyError: z.string().optional().meta({ description: "why the key could not be scanned (no sshd, timeout)" }),
  })
  .meta({ id: "DiscoveredBox" });
export type DiscoveredBox = z.infer<typeof ZDiscoveredBox>;

/** POST /api/v1/branches/{code}/discover: what the sweep covered and what it found. */
export const ZBranchDiscoveryResponse = z
  .object({
    found: z.array(ZDiscoveredBox),
    swept: z.number().int().min(0).meta({ description: "how many link-local addresses were pinged" }),
    range: z
      .object({ first: z.string(), last: z.string() })
      .nullable()
      .meta({ description: "the contiguous range swept from the allocator's start; known neighbours come on top" }),
    truncated: z.boolean().meta({ description: "the sweep's bound cut the address list short" }),
    durationMs: z.number().int().min(0),
  })
  .meta({ id: "BranchDiscovery" });
export type BranchDiscoveryResponse = z.infer<typeof ZBranchDiscoveryResponse>;

import { z } from "zod";
import { zBranchCode } from "../inventory/zod-values";

/** What an operator asks for: which branches, and how carefully. */
export const ZStartRolloutInput = z
  .object({
    branchCodes: z.array(zBranchCode()).min(1, "choose at least one branch").max(10_000),
    dryRun: z.boolean().default(false),
    concurrency: z.number().int().min(1, "must be at least 1").max(256, "at most 256 targets at once").default(32),
    canary: z.boolean().default(false),
    failureBudget: z.number().int().min(1, "must be at least 1").max(100_000).default(1),
  })
  .strict();
export type StartRolloutInput = z.infer<typeof ZStartRolloutInput>;

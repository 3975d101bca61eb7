/**
 * The JSON the /api/v1/rollouts routes answer with: zod schemas, so the
 * OpenAPI document describes them and apiHandler checks them; the UI imports
 * the types. Timestamps are ISO 8601 strings. The statuses are the engine's
 * (lib/rollout/rollout-types.ts; lib/server/rollouts/rollout-views.ts fails
 * to compile if the two lists drift apart).
 */
import { z } from "zod";

export const ROLLOUT_STATUSES = ["running", "succeeded", "failed", "cancelled", "interrupted"] as const;
export const TARGET_STATUSES = [
  "pending",
  "planning",
  "planned",
  "applying",
  "verifying",
  "succeeded",
  "unchanged",
  "failed",
  "skipped",
  "interrupted",
] as const;
export const TARGET_KINDS = ["gateway", "host"] as const;

const count = z.number().int().min(0);
const when = z.iso.datetime().nullable();

export const ZTargetPlan = z
  .object({
    changed: z.boolean(),
    diff: z.array(z.string()).meta({
      description: '"+ " adds, "- " removes, "  " in place, "! " a problem the apply fixes, "? " seen, never touched',
    }),
    counts: z.object({
      add: count,
      remove: count,
      inPlace: count,
      foreign: count,
      duplicates: count,
      settings: count,
    }),
  })
  .meta({ id: "TargetPlan" });
export type TargetPlanView = z.infer<typeof ZTargetPlan>;

export const ZRolloutView = z
  .object({
    id: z.number().int(),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    branchCodes: z.array(z.string()),
    dryRun: z.boolean().meta({ description: "a preview: every target planned, none touched" }),
    status: z.enum(ROLLOUT_STATUSES),
    concurrency: z.number().int(),
    canary: z.boolean(),
    failureBudget: z.number().int(),
    cancelRequested: z.boolean(),
    startedAt: when,
    finishedAt: when,
    summary: z.string().nullable(),
    counts: z.partialRecord(z.enum(TARGET_STATUSES), count).meta({ description: "targets per status" }),
  })
  .meta({ id: "RolloutView" });
export type RolloutView = z.infer<typeof ZRolloutView>;

export const ZTargetView = z
  .object({
    id: z.number().int(),
    kind: z.enum(TARGET_KINDS),
    key: z.string(),
    label: z.string(),
    branchCode: z.string(),
    position: z.number().int(),
    status: z.enum(TARGET_STATUSES),
    plan: ZTargetPlan.nullable(),
    output: z.string().nullable().meta({ description: "what the agent reported" }),
    error: z.string().nullable(),
    startedAt: when,
    finishedAt: when,
    durationMs: z.number().int().nullable(),
  })
  .meta({ id: "TargetView" });
export type TargetView = z.infer<typeof ZTargetView>;

export const ZRolloutListResponse = z.object({ rollouts: z.array(ZRolloutView) });
export const ZRolloutDetailResponse = z.object({ rollout: ZRolloutView, targets: z.array(ZTargetView) });
/** POST /rollouts and /rollouts/{id}/resume answer at once (202); progress is read from GET /rollouts/{id}. */
export const ZRolloutStartedResponse = z.object({ rollout: z.object({ id: z.number().int() }) });
export type RolloutListResponse = z.infer<typeof ZRolloutListResponse>;
export type RolloutDetailResponse = z.infer<typeof ZRolloutDetailResponse>;
export type RolloutStartedResponse = z.infer<typeof ZRolloutStartedResponse>;

import { z } from "zod";
import { zBoxKey } from "@/lib/domain/health/box-key";

/** "Adopt hand-made rules" (issue 13): which boxes; the plan comes from each box's latest audit. */
export const ZNatAdoptionPlanInput = z
  .object({
    boxes: z.array(zBoxKey()).min(1, "choose at least one box").max(200, "at most 200 boxes at once"),
  })
  .strict()
  .meta({ id: "NatAdoptionPlanInput" });
export type NatAdoptionPlanInput = z.input<typeof ZNatAdoptionPlanInput>;

export const ZStartNatAdoptionInput = z
  .object({
    boxes: z.array(zBoxKey()).min(1, "choose at least one box").max(200, "at most 200 boxes at once"),
    /** The audits the operator saw the plan of: a newer audit means a new plan to read. */
    auditIds: z.array(z.number().int().min(1)).min(1).max(200),
    /** The number of lines removed, typed by the operator. */
    confirm: z.number().int().min(0).max(1_000_000),
  })
  .strict()
  .meta({ id: "StartNatAdoptionInput" });
export type StartNatAdoptionInput = z.input<typeof ZStartNatAdoptionInput>;

const ZAdoptionRemoval = z.object({
  line: z.string().meta({ description: "exactly as iptables-save prints it (no counters): the agent deletes it" }),
  chain: z.string(),
  index: z.number().int(),
  class: z.enum(["hand-made-equivalent", "duplicate"]),
  reason: z.string(),
});

export const ZNatAdoptionBoxPlan = z
  .object({
    box: z.string(),
    boxName: z.string(),
    kind: z.enum(["gateway", "host"]),
    branchCode: z.string(),
    auditId: z.number().int(),
    auditAt: z.string(),
    remove: z.array(ZAdoptionRemoval),
    add: z.array(z.object({ chain: z.string(), line: z.string() })),
    keep: z.number().int().meta({ description: "rules left byte for byte (foreign, stale, ...)" }),
    problems: z.array(z.string()),
  })
  .meta({ id: "NatAdoptionBoxPlan" });
export type NatAdoptionBoxPlan = z.infer<typeof ZNatAdoptionBoxPlan>;

export const ZNatAdoptionPlan = z
  .object({
    boxes: z.array(ZNatAdoptionBoxPlan),
    removeCount: z.number().int().meta({ description: "what the operator types to confirm" }),
  })
  .meta({ id: "NatAdoptionPlan" });
export type NatAdoptionPlan = z.infer<typeof ZNatAdoptionPlan>;

export const ZNatAdoptionStarted = z
  .object({ rollout: z.object({ id: z.number().int() }), removeCount: z.number().int() })
  .meta({ id: "NatAdoptionStarted" });

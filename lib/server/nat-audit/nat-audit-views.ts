import { z } from "zod";
import { zBranchCode } from "@/lib/domain/inventory/zod-values";

/**
 * The NAT audit's API shapes (issue 13). Classes as lib/domain/nat-audit names them; a rule
 * that can never fire is `shadowed: true` whatever its class, and the "shadowed" count and
 * filter include it.
 */
export const FINDING_CLASSES = [
  "in-place",
  "missing",
  "stale",
  "duplicate",
  "shadowed",
  "hand-made-equivalent",
  "foreign",
] as const;
export const ZFindingClass = z.enum(FINDING_CLASSES).meta({ id: "NatFindingClass" });
export type FindingClassName = (typeof FINDING_CLASSES)[number];

export const ZNatCounts = z
  .record(z.string(), z.number().int().min(0))
  .meta({ id: "NatClassCounts", description: "rules per class; `shadowed` counts every rule that can never fire" });

const counter = z.number().nullable();

export const ZNatAuditRule = z
  .object({
    table: z.enum(["iptables", "ebtables"]),
    chain: z.string(),
    /** null for a missing rule (it is not on the box). */
    index: z.number().int().nullable(),
    line: z.number().int().nullable(),
    text: z.string().meta({ description: "the line as read, or the expected rule for `missing`" }),
    class: ZFindingClass,
    owner: z.string(),
    shadowed: z.boolean(),
    shadowedBy: z.string().nullable(),
    duplicateOf: z.string().nullable(),
    reason: z.string(),
    packets: counter,
    bytes: counter,
    neverHit: z.boolean().meta({ description: "packets = 0: never matched since the rule was loaded (boot)" }),
    deltaPackets: counter.meta({ description: "since the previous audit of the box; null across a reboot" }),
    deltaBytes: counter,
    firstSeen: z.string().nullable().meta({ description: "the first audit of this box that saw the rule" }),
    key: z.string().meta({ description: "chain, canonical rule and occurrence: the same rule across audits" }),
  })
  .meta({ id: "NatAuditRule" });
export type NatAuditRule = z.infer<typeof ZNatAuditRule>;

export const ZNatDrift = z
  .object({
    change: z.enum(["added", "removed", "changed", "policy"]),
    table: z.enum(["iptables", "ebtables"]),
    chain: z.string(),
    text: z.string(),
    firstSeen: z.string().meta({ description: "when an audit first saw the change" }),
  })
  .meta({ id: "NatDrift" });
export type NatDrift = z.infer<typeof ZNatDrift>;

export const ZNatAuditSummary = z
  .object({
    id: z.number().int(),
    runId: z.string(),
    box: z.string(),
    kind: z.enum(["gateway", "host"]),
    boxName: z.string(),
    branchCode: z.string(),
    createdBy: z.string(),
    at: z.string(),
    status: z.enum(["ok", "failed"]),
    error: z.string().nullable(),
    digest: z.string().nullable().meta({ description: "sha256 (hex) of exactly what was read" }),
    counts: ZNatCounts,
    rules: z.number().int(),
    drift: z.number().int(),
    previousId: z.number().int().nullable(),
  })
  .meta({ id: "NatAuditSummary" });
export type NatAuditSummary = z.infer<typeof ZNatAuditSummary>;

export const ZNatAuditListResponse = z
  .object({
    audits: z.array(ZNatAuditSummary).meta({ description: "the latest audit of each box that matches" }),
    totals: ZNatCounts,
  })
  .meta({ id: "NatAuditListResponse" });
export type NatAuditListResponse = z.infer<typeof ZNatAuditListResponse>;

export const ZNatAuditDetailResponse = z
  .object({
    audit: ZNatAuditSummary.extend({ uptimeSeconds: z.number().nullable() }),
    rules: z.array(ZNatAuditRule),
    drift: z.array(ZNatDrift),
    history: z.array(ZNatAuditSummary).meta({ description: "this box's audits, newest first (at most 20)" }),
  })
  .meta({ id: "NatAuditDetailResponse" });
export type NatAuditDetailResponse = z.infer<typeof ZNatAuditDetailResponse>;

const ZDiffRule = z.object({ table: z.enum(["iptables", "ebtables"]), chain: z.string(), text: z.string() });
export const ZNatAuditDiffResponse = z
  .object({
    older: ZNatAuditSummary,
    newer: ZNatAuditSummary,
    added: z.array(ZDiffRule),
    removed: z.array(ZDiffRule),
    changed: z.array(ZDiffRule.extend({ was: z.string(), what: z.array(z.string()) })),
    policies: z.array(z.object({ chain: z.string(), older: z.string().nullable(), newer: z.string().nullable() })),
    rollouts: z.array(z.number().int()).meta({ description: "Branchdesk rollouts that touched the box in between" }),
    drift: z.array(ZNatDrift).meta({ description: "changes no Branchdesk rollout explains" }),
  })
  .meta({ id: "NatAuditDiffResponse" });
export type NatAuditDiffResponse = z.infer<typeof ZNatAuditDiffResponse>;

export const ZRunNatAuditInput = z
  .object({
    box: z.string().max(40).optional().meta({ description: '"gateway:3" or "host:12"' }),
    branch: zBranchCode().optional().meta({ description: "branch code: its gateway and hosts" }),
    fleet: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => [v.box, v.branch, v.fleet].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one of box, branch or fleet",
    path: ["box"],
  });
export type RunNatAuditInput = z.infer<typeof ZRunNatAuditInput>;

export const ZRunNatAuditResponse = z
  .object({ runId: z.string(), audits: z.array(ZNatAuditSummary) })
  .meta({ id: "RunNatAuditResponse" });

export const ZNatAuditListQuery = z.object({
  class: ZFindingClass.optional().meta({ description: "only boxes with at least one rule of this class" }),
  branch: zBranchCode().optional().meta({ description: "only this branch (code)" }),
  kind: z.enum(["gateway", "host"]).optional(),
});
export type NatAuditListQuery = z.infer<typeof ZNatAuditListQuery>;

export const ZNatExportQuery = ZNatAuditListQuery.extend({
  id: z.coerce.number().int().min(1).max(2_147_483_647).optional().meta({ description: "one audit only" }),
});

export const ZNatDiffQuery = z.object({
  against: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .meta({ description: "the other audit of the same box (either order)" }),
});

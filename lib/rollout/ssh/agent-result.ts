/**
 * The agent's answer: one JSON line on stdout per verb. ZAgentResult is the
 * one contract of that JSON; agents/README.md describes it in prose and
 * points here, and an agent change that breaks it fails parseAgentResult in
 * the agent's kernel tests.
 */
import { z } from "zod";
import { err, ok, type Result } from "@/lib/domain/result";

const ZDigest = z.string().regex(/^(sha256:[0-9a-f]{64}|cksum:\S+)$/, "not a digest");
const ZCount = z.number().int().min(0);
const ZCounts = z.object({ iptablesRules: ZCount, ebtablesRules: ZCount, jumps: ZCount });
/** Dumps travel base64-encoded (any byte survives the JSON); decoded here. */
const ZBase64Text = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64")
  .transform((b) => Buffer.from(b, "base64").toString("utf8"));
const ZPending = z.object({ token: z.string(), secondsLeft: z.number().int(), timerAlive: z.boolean() });
const ZPersisted = z.object({ active: z.string().nullable(), pending: z.string().nullable() });

const ZAgentFailure = z.object({
  ok: z.literal(false),
  verb: z.string(),
  stage: z.string(),
  error: z.string(),
  rolledBack: z.boolean().optional(),
});
const ZAgentSuccess = z.discriminatedUnion("verb", [
  z.object({
    ok: z.literal(true),
    verb: z.literal("read"),
    agentVersion: z.number().int(),
    iptablesNat: ZBase64Text,
    ebtablesNat: ZBase64Text,
    ebtablesFormat: z.enum(["save", "list", "absent"]),
    sysctl: z.record(z.string(), z.string()),
    pending: ZPending.nullable(),
    persisted: ZPersisted,
    tools: z.object({ iptables: z.string(), ebtables: z.string().nullable() }),
    counts: ZCounts,
    digest: ZDigest,
  }),
  z.object({
    ok: z.literal(true),
    verb: z.literal("apply"),
    token: z.string(),
    changed: z.boolean(),
    armed: z.boolean(),
    rollbackArmedSeconds: z.number().int().min(0),
    counts: ZCounts,
    digestBefore: ZDigest,
    digestAfter: ZDigest,
    matchesPayload: z.boolean(),
    persisted: z.enum(["pending", "active", "unchanged"]),
    note: z.string(),
  }),
  z.object({
    ok: z.literal(true),
    verb: z.literal("confirm"),
    token: z.string(),
    confirmed: z.literal(true),
    already: z.boolean().optional(),
    armed: z.boolean().optional(),
    persisted: z.literal("active").optional(),
    bootHook: z.string().optional(),
  }),
  z.object({
    ok: z.literal(true),
    verb: z.literal("rollback"),
    token: z.string(),
    rolledBack: z.boolean(),
    already: z.boolean().optional(),
    reason: z.string().optional(),
    note: z.string().optional(),
    counts: ZCounts.optional(),
    digestAfter: ZDigest.optional(),
  }),
  z.object({
    ok: z.literal(true),
    verb: z.literal("status"),
    pending: z.array(ZPending),
    persisted: ZPersisted,
    recent: z.array(z.object({ token: z.string(), outcome: z.string() })),
  }),
  z.object({
    ok: z.literal(true),
    verb: z.literal("restore"),
    background: z.boolean().optional(),
    restored: z.boolean().optional(),
    token: z.string().optional(),
    changed: z.boolean().optional(),
    waitedSeconds: z.number().int().optional(),
    bridge: z.string().nullable().optional(),
    counts: ZCounts.optional(),
    digestAfter: ZDigest.optional(),
    matchesPayload: z.boolean().optional(),
    warning: z.string().nullable().optional(),
    note: z.string().optional(),
  }),
]);
export const ZAgentResult = z.union([ZAgentFailure, ZAgentSuccess]);
export type AgentResult = z.output<typeof ZAgentResult>;
export type AgentFailure = z.output<typeof ZAgentFailure>;
export type AgentSuccess<V extends AgentResult["verb"] = AgentResult["verb"]> = Extract<
  z.output<typeof ZAgentSuccess>,
  { verb: V }
>;

/**
 * The agent's one JSON line (the last line starting with "{"), checked. An
 * agent that failed cleanly is a parsed result with ok: false; only output
 * that is not the agent's JSON is an error here.
 */
export function parseAgentResult(stdout: string): Result<AgentResult> {
  const lines = stdout
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const line = lines.filter((l) => l.startsWith("{")).at(-1);
  if (line === undefined) return err(`agent printed no JSON: ${(lines[0] ?? "(no output)").slice(0, 200)}`);
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return err(`agent printed invalid JSON (${e instanceof Error ? e.message : String(e)}): ${line.slice(0, 200)}`);
  }
  const parsed = ZAgentResult.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return err(`agent output does not have the expected shape: ${issues}`);
  }
  return ok(parsed.data);
}

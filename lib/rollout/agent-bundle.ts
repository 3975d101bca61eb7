/**
 * The exact text the dashboard pipes to a box over SSH (`sh -s -- VERB ARGS`)
 * and the parser for what the agent prints back. The bundle writes the
 * payload files and the agent (agents/, concatenated as agents/MANIFEST
 * lists) into a mktemp directory with the printf builtin, then runs the agent
 * from there in a subshell (persisted copies of that file are what the boot
 * hook and the dead-man timer run). Other verbs run the agent inline. Contract of verbs and JSON: agents/README.md.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { err, ok, type Result } from "@/lib/domain/result";
import type { RenderedRuleSet } from "@/lib/domain/rules/render-rule-set";
import { shellCommand, shellQuote } from "@/lib/domain/shell-quote";
import { parseIfname, type Ifname } from "@/lib/domain/values/ifname";

/** The renderer's files the agent reads (lib/domain/rules/README.md), plus the bridge restore waits for at boot. */
export type AgentPayload = {
  rendered: Pick<RenderedRuleSet, "branchdesk.iptables" | "branchdesk.ebtables" | "branchdesk.jumps" | "branchdesk.sysctl" | "branchdesk.modules">;
  bridge: Ifname | null;
};

export type AgentCommand =
  | { verb: "read" }
  | { verb: "status" }
  | { verb: "apply"; token: string; confirmTimeoutSeconds?: number; payload: AgentPayload }
  | { verb: "confirm"; token: string }
  | { verb: "rollback"; token: string };

export type AgentBundle = {
  /** argv of the remote command: sh -s -- VERB ARGS (a test may prefix env or ip netns exec). */
  argv: readonly string[];
  /** The same, as one shell command line quoted by shellQuote (what SSH execs). */
  command: string;
  /** The script fed on stdin. */
  stdin: string;
};

/** Same rule as the agent's bd_valid_token: safe as a file name and a shell word. */
export const AGENT_TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PAYLOAD_FILES = ["branchdesk.iptables", "branchdesk.ebtables", "branchdesk.jumps", "branchdesk.sysctl", "branchdesk.modules"] as const;

const agentCache = new Map<string, string>();

/** The agent as shipped: the MANIFEST's files concatenated; read once per directory. */
export function agentSource(agentDir = path.resolve(process.cwd(), "agents")): string {
  const cached = agentCache.get(agentDir);
  if (cached !== undefined) return cached;
  let manifest: string;
  try {
    manifest = readFileSync(path.join(agentDir, "MANIFEST"), "utf8");
  } catch {
    throw new Error(`agent sources not found: ${path.join(agentDir, "MANIFEST")} (run from the repository root or pass agentDir)`);
  }
  const files = manifest.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  const text = files.map((f) => readFileSync(path.join(agentDir, f), "utf8")).join("");
  agentCache.set(agentDir, text);
  return text;
}

/**
 * A `printf` builtin writing `text` to `$bd_dir/name` (no process per file,
 * unlike `cat <<heredoc`). The text is one word quoted by shellQuote, so every
 * byte stays data; like a heredoc, a non-empty file ends with one newline.
 */
function writeFile(name: string, text: string): Result<string> {
  if (text.includes("\0")) return err(`${name} contains a NUL byte`);
  if (text === "") return ok(`: >"$bd_dir/${name}"`);
  return ok(`printf '%s' ${shellQuote(text.replace(/\n$/, "") + "\n")} >"$bd_dir/${name}"`);
}

function commandArgs(cmd: AgentCommand): Result<string[]> {
  if (cmd.verb === "read" || cmd.verb === "status") return ok([cmd.verb]);
  if (!AGENT_TOKEN.test(cmd.token)) return err(`token ${JSON.stringify(cmd.token)} is not valid: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`);
  if (cmd.verb !== "apply") return ok([cmd.verb, cmd.token]);
  const timeout = cmd.confirmTimeoutSeconds ?? 30;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 3600) return err(`confirmTimeoutSeconds ${timeout} must be a whole number from 1 to 3600`);
  return ok(["apply", "--token", cmd.token, "--confirm-timeout", String(timeout)]);
}

function payloadFiles(payload: AgentPayload): [string, string][] {
  return [...PAYLOAD_FILES.map((f): [string, string] => [f, payload.rendered[f]]), ["branchdesk.bridge", payload.bridge ?? ""]];
}

export function agentBundle(cmd: AgentCommand, options: { agentDir?: string } = {}): Result<AgentBundle> {
  const args = commandArgs(cmd);
  if (!args.ok) return args;
  // Only apply needs the agent as a file (persisted for boot, run by the
  // dead-man timer); the other verbs run it inline. Either way it runs in a
  // subshell of this shell: one `sh` exec fewer per call.
  const agent = agentSource(options.agentDir);
  const parts = cmd.verb === "apply" ? applyFileWrites(cmd.payload, agent) : ok([]);
  if (!parts.ok) return parts;
  const run = cmd.verb === "apply"
    ? [`(BRANCHDESK_PAYLOAD=$bd_dir BRANCHDESK_SELF=$bd_dir/branchdesk-agent.sh; . "$bd_dir/branchdesk-agent.sh") </dev/null`]
    : ["(", agent, ") </dev/null"];
  const head = [
    "# Branchdesk agent bundle (lib/rollout/agent-bundle.ts): payload files, the agent, one run.",
    "# One { } group: the shell reads it to the end before running any of it, so a",
    "# connection cut mid-transfer runs nothing. The agent runs in a subshell (its",
    "# exit and traps stay there) with /dev/null as stdin so nothing it starts can",
    "# swallow the rest of this script; \"$@\" (VERB ARGS) is its argument list.",
    "{",
    "umask 077",
  ];
  // Verbs other than apply need no directory: the agent makes its own scratch
  // directory only if it reads the tables (a confirm does not).
  const body = cmd.verb === "apply"
    ? [
        MAKE_BUNDLE_DIR,
        ...parts.value,
        ...run,
        "bd_rc=$?",
        `rm -rf "$bd_dir"`,
        `exit "$bd_rc"`,
      ]
    : [...run, "exit $?"];
  const stdin = [...head, ...body, "}", ""].join("\n");
  const argv = ["sh", "-s", "--", ...args.value];
  return ok({ argv, command: shellCommand(argv), stdin });
}

/**
 * The same agent as steps of one remote shell (lib/ssh/remote-shell.ts), for
 * a rollout that applies, checks and confirms over a single SSH channel. The
 * apply step writes the payload and the agent into a directory that the
 * shell keeps (and removes when it exits, however that happens) and runs the
 * agent from it; a later confirm or rollback step runs that same file again.
 * Arguments are set with `set --` inside the agent's subshell.
 */
export function agentApplyStep(cmd: Extract<AgentCommand, { verb: "apply" }>, options: { agentDir?: string } = {}): Result<string> {
  const args = commandArgs(cmd);
  if (!args.ok) return args;
  const parts = applyFileWrites(cmd.payload, agentSource(options.agentDir));
  if (!parts.ok) return parts;
  return ok([
    "# Branchdesk agent, apply step (lib/rollout/agent-bundle.ts): payload files and the agent, then one run.",
    "umask 077",
    MAKE_BUNDLE_DIR,
    `trap 'rm -rf "$bd_dir"' EXIT`,
    ...parts.value,
    runFromDir(args.value),
  ].join("\n"));
}

/** A confirm or rollback step after agentApplyStep, in the same shell. */
export function agentFollowUpStep(cmd: Extract<AgentCommand, { verb: "confirm" | "rollback" }>): Result<string> {
  const args = commandArgs(cmd);
  if (!args.ok) return args;
  return ok(["# Branchdesk agent, follow-up step: the agent the apply step wrote.", `[ -n "\${bd_dir:-}" ] && [ -r "$bd_dir/branchdesk-agent.sh" ] || { echo '{"ok":false,"verb":"bundle","stage":"bundle","error":"no agent from an apply step in this shell"}'; exit 1; }`, runFromDir(args.value)].join("\n"));
}

const MAKE_BUNDLE_DIR = `bd_dir=$(mktemp -d "\${TMPDIR:-/tmp}/branchdesk.XXXXXX") || { echo '{"ok":false,"verb":"bundle","stage":"bundle","error":"mktemp -d failed on the box"}'; exit 1; }`;

/** The lines that write an apply's payload files and the agent into $bd_dir, after checking them. */
function applyFileWrites(payload: AgentPayload, agent: string): Result<string[]> {
  if (payload.bridge !== null) {
    // Second lock behind the brand: a forged Ifname must not reach a file the agent trusts.
    const bridge = parseIfname(payload.bridge);
    if (!bridge.ok) return err(`bridge: ${bridge.error}`);
  }
  const lines: string[] = [];
  for (const [name, text] of [...payloadFiles(payload), ["branchdesk-agent.sh", agent] as [string, string]]) {
    const doc = writeFile(name, text);
    if (!doc.ok) return doc;
    lines.push(doc.value);
  }
  return ok(lines);
}

function runFromDir(args: readonly string[]): string {
  return `(set -- ${shellCommand(args)}; BRANCHDESK_PAYLOAD=$bd_dir BRANCHDESK_SELF=$bd_dir/branchdesk-agent.sh; . "$bd_dir/branchdesk-agent.sh")`;
}

const ZDigest = z.string().regex(/^(sha256:[0-9a-f]{64}|cksum:\S+)$/, "not a digest");
const ZCounts = z.object({ iptablesRules: z.number().int().min(0), ebtablesRules: z.number().int().min(0), jumps: z.number().int().min(0) });
/** Dumps travel base64-encoded (any byte survives the JSON); decoded here. */
const ZBase64Text = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64").transform((b) => Buffer.from(b, "base64").toString("utf8"));
const ZPending = z.object({ token: z.string(), secondsLeft: z.number().int(), timerAlive: z.boolean() });
const ZPersisted = z.object({ active: z.string().nullable(), pending: z.string().nullable() });

const ZAgentFailure = z.object({ ok: z.literal(false), verb: z.string(), stage: z.string(), error: z.string(), rolledBack: z.boolean().optional() });
const ZAgentSuccess = z.discriminatedUnion("verb", [
  z.object({
    ok: z.literal(true), verb: z.literal("read"), agentVersion: z.number().int(),
    iptablesNat: ZBase64Text, ebtablesNat: ZBase64Text, ebtablesFormat: z.enum(["save", "list", "absent"]),
    sysctl: z.record(z.string(), z.string()), pending: ZPending.nullable(), persisted: ZPersisted,
    tools: z.object({ iptables: z.string(), ebtables: z.string().nullable() }), counts: ZCounts, digest: ZDigest,
  }),
  z.object({
    ok: z.literal(true), verb: z.literal("apply"), token: z.string(), changed: z.boolean(), armed: z.boolean(),
    rollbackArmedSeconds: z.number().int().min(0), counts: ZCounts, digestBefore: ZDigest, digestAfter: ZDigest,
    matchesPayload: z.boolean(), persisted: z.enum(["pending", "active", "unchanged"]), note: z.string(),
  }),
  z.object({
    ok: z.literal(true), verb: z.literal("confirm"), token: z.string(), confirmed: z.literal(true),
    already: z.boolean().optional(), armed: z.boolean().optional(), persisted: z.literal("active").optional(), bootHook: z.string().optional(),
  }),
  z.object({
    ok: z.literal(true), verb: z.literal("rollback"), token: z.string(), rolledBack: z.boolean(), already: z.boolean().optional(),
    reason: z.string().optional(), note: z.string().optional(), counts: ZCounts.optional(), digestAfter: ZDigest.optional(),
  }),
  z.object({
    ok: z.literal(true), verb: z.literal("status"), pending: z.array(ZPending), persisted: ZPersisted,
    recent: z.array(z.object({ token: z.string(), outcome: z.string() })),
  }),
  z.object({
    ok: z.literal(true), verb: z.literal("restore"), background: z.boolean().optional(), restored: z.boolean().optional(),
    token: z.string().optional(), changed: z.boolean().optional(), waitedSeconds: z.number().int().optional(),
    bridge: z.string().nullable().optional(), counts: ZCounts.optional(), digestAfter: ZDigest.optional(),
    matchesPayload: z.boolean().optional(), warning: z.string().nullable().optional(), note: z.string().optional(),
  }),
]);
export const ZAgentResult = z.union([ZAgentFailure, ZAgentSuccess]);
export type AgentResult = z.output<typeof ZAgentResult>;
export type AgentFailure = z.output<typeof ZAgentFailure>;
export type AgentSuccess<V extends AgentResult["verb"] = AgentResult["verb"]> = Extract<z.output<typeof ZAgentSuccess>, { verb: V }>;

/**
 * The agent's one JSON line (the last line starting with "{"), checked. An
 * agent that failed cleanly is a parsed result with ok: false; only output
 * that is not the agent's JSON is an error here.
 */
export function parseAgentResult(stdout: string): Result<AgentResult> {
  const lines = stdout.split("\n").map((l) => l.trim()).filter((l) => l !== "");
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

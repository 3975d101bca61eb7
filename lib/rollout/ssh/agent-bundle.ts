/**
 * The exact text the dashboard pipes to a box over SSH (`sh -s -- VERB ARGS`).
 * The bundle writes the payload files and the agent (agent-source.ts) into a
 * mktemp directory with the printf builtin, then runs the agent from there in
 * a subshell (persisted copies of that file are what the boot hook and the
 * dead-man timer run). Other verbs run the agent inline. What the agent
 * prints back: agent-result.ts. Verbs: agents/README.md.
 */
import { err, ok, type Result } from "@/lib/domain/result";
import type { RenderedRuleSet } from "@/lib/domain/rules/render-rule-set";
import { shellCommand, shellQuote } from "@/lib/domain/shell-quote";
import { parseIfname, type Ifname } from "@/lib/domain/values/ifname";
import { parseAdoptLine, type AdoptLine } from "@/lib/domain/nat-audit/adopt-line";
import { AGENT_TOKEN, CONFIRM_TIMEOUT, PAYLOAD_FILES, TOKEN_RULE } from "./agent-constants";
import { agentSource } from "./agent-source";

/**
 * The renderer's files the agent reads (lib/domain/rules/README.md), the bridge restore waits for
 * at boot, and (adoption, issue 13) the hand-made lines the same transaction deletes.
 */
export type AgentPayload = { rendered: RenderedRuleSet; bridge: Ifname | null; adopt?: readonly AdoptLine[] };

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
  if (!AGENT_TOKEN.test(cmd.token)) return err(`token ${JSON.stringify(cmd.token)} is not valid: use ${TOKEN_RULE}`);
  if (cmd.verb !== "apply") return ok([cmd.verb, cmd.token]);
  const { min, max } = CONFIRM_TIMEOUT;
  const timeout = cmd.confirmTimeoutSeconds ?? CONFIRM_TIMEOUT.default;
  if (!Number.isInteger(timeout) || timeout < min || timeout > max) {
    return err(`confirmTimeoutSeconds ${timeout} must be a whole number from ${min} to ${max}`);
  }
  return ok(["apply", "--token", cmd.token, "--confirm-timeout", String(timeout)]);
}

function payloadFiles(payload: AgentPayload): [string, string][] {
  return PAYLOAD_FILES.map((f) => [
    f,
    f === "branchdesk.bridge"
      ? (payload.bridge ?? "")
      : f === "branchdesk.adopt"
        ? (payload.adopt ?? []).join("\n")
        : payload.rendered[f],
  ]);
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
  const run = cmd.verb === "apply" ? [`(${RUN_AGENT_FROM_DIR}) </dev/null`] : ["(", agent, ") </dev/null"];
  const head = [
    "# Branchdesk agent bundle (lib/rollout/ssh/agent-bundle.ts): payload files, the agent, one run.",
    "# One { } group: the shell reads it to the end before running any of it, so a",
    "# connection cut mid-transfer runs nothing. The agent runs in a subshell (its",
    "# exit and traps stay there) with /dev/null as stdin so nothing it starts can",
    '# swallow the rest of this script; "$@" (VERB ARGS) is its argument list.',
    "{",
    "umask 077",
  ];
  // Verbs other than apply need no directory: the agent makes its own scratch
  // directory only if it reads the tables (a confirm does not).
  const body =
    cmd.verb === "apply"
      ? [MAKE_BUNDLE_DIR, ...parts.value, ...run, "bd_rc=$?", `rm -rf "$bd_dir"`, `exit "$bd_rc"`]
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
export function agentApplyStep(
  cmd: Extract<AgentCommand, { verb: "apply" }>,
  options: { agentDir?: string } = {},
): Result<string> {
  const args = commandArgs(cmd);
  if (!args.ok) return args;
  const parts = applyFileWrites(cmd.payload, agentSource(options.agentDir));
  if (!parts.ok) return parts;
  return ok(
    [
      "# Branchdesk agent, apply step (lib/rollout/ssh/agent-bundle.ts): payload files and the agent, then one run.",
      "umask 077",
      MAKE_BUNDLE_DIR,
      `trap 'rm -rf "$bd_dir"' EXIT`,
      ...parts.value,
      runFromDir(args.value),
    ].join("\n"),
  );
}

/** A confirm or rollback step after agentApplyStep, in the same shell. */
export function agentFollowUpStep(cmd: Extract<AgentCommand, { verb: "confirm" | "rollback" }>): Result<string> {
  const args = commandArgs(cmd);
  if (!args.ok) return args;
  return ok(
    [
      "# Branchdesk agent, follow-up step: the agent the apply step wrote.",
      `[ -n "\${bd_dir:-}" ] && [ -r "$bd_dir/branchdesk-agent.sh" ] || ` +
        `{ echo '{"ok":false,"verb":"bundle","stage":"bundle","error":"no agent from an apply step in this shell"}'; ` +
        `exit 1; }`,
      runFromDir(args.value),
    ].join("\n"),
  );
}

const MAKE_BUNDLE_DIR =
  `bd_dir=$(mktemp -d "\${TMPDIR:-/tmp}/branchdesk.XXXXXX") || ` +
  `{ echo '{"ok":false,"verb":"bundle","stage":"bundle","error":"mktemp -d failed on the box"}'; exit 1; }`;

/** Runs the agent $bd_dir holds, in a subshell, with the payload beside it. */
const RUN_AGENT_FROM_DIR =
  `BRANCHDESK_PAYLOAD=$bd_dir BRANCHDESK_SELF=$bd_dir/branchdesk-agent.sh; ` + `. "$bd_dir/branchdesk-agent.sh"`;

/** The lines that write an apply's payload files and the agent into $bd_dir, after checking them. */
function applyFileWrites(payload: AgentPayload, agent: string): Result<string[]> {
  for (const line of payload.adopt ?? []) {
    // Second lock behind the brand, as for the bridge: one -A line of a built-in chain each.
    const parsed = parseAdoptLine(line);
    if (!parsed.ok) return err(`adopt: ${parsed.error}`);
  }
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
  return `(set -- ${shellCommand(args)}; ${RUN_AGENT_FROM_DIR})`;
}

import { err, ok, type Result } from "@/lib/domain/result";
import { runCommand } from "@/lib/ssh/run-command";
import type { SshSession } from "@/lib/ssh/connect-ssh";
import { AGENT_TOKEN, SYSCTL_KEYS } from "./agent-constants";
import { agentParts } from "./agent-source";
import type { PendingChange } from "../rollout-types";

const scripts = new Map<string, string>();

/**
 * Planning reads a box's state with this small script instead of the full
 * agent: a plan runs on every target of every rollout (most of them change
 * nothing), so it must cost about what a bare `ssh box true` costs. Three
 * processes on the box (sh, iptables-save, ebtables-save); the sysctls and
 * the pending apply are read with the shell's own `read`. Sections are marked
 * by "@@" lines, which neither save format can produce.
 *
 * The pending apply is told the agent's own way (agents/lib/pending.sh,
 * shipped ahead of these lines), once before the tables and once after: an
 * apply that ended while they were read may or may not be in them.
 */
export function readStateScript(agentDir?: string): string {
  const cached = scripts.get(agentDir ?? "");
  if (cached !== undefined) return cached;
  const pendingSh = agentParts(agentDir).find((p) => p.file === "lib/pending.sh")?.text;
  if (pendingSh === undefined) throw new Error("agents/MANIFEST does not list lib/pending.sh");
  const sysctlPaths = SYSCTL_KEYS.map((k) => k.replaceAll(".", "/")).join(" ");
  const script =
    `PATH="$PATH:/usr/sbin:/sbin"
${pendingSh}
bd_pending_token; bd_pending_before=$BD_PENDING
echo @@iptables
"\${BRANCHDESK_IPTABLES:-iptables}-save" -t nat || echo "@@error iptables-save failed"
echo @@ebtables
if command -v ebtables-save >/dev/null 2>&1; then ebtables-save -t nat 2>/dev/null || ebtables-save 2>/dev/null; ` +
    `elif command -v ebtables >/dev/null 2>&1; then ebtables -t nat -L; else echo "@@absent"; fi
echo @@sysctl
for k in ${sysctlPaths}; do
  if [ -r "/proc/sys/$k" ]; then read -r v < "/proc/sys/$k"; echo "$k=$v"; fi
done
echo @@pending
bd_pending_words
[ -n "$BD_PENDING" ] || [ -z "$bd_pending_before" ] || echo "$bd_pending_before resolved"
echo @@end
`;
  scripts.set(agentDir ?? "", script);
  return script;
}

export type BoxState = {
  iptablesNat: string;
  ebtablesNat: string | null;
  sysctl: Record<string, string>;
  /** An apply on the box still waiting for its confirmation (its rules are what the tables show). */
  pending: PendingChange | null;
};

export function parseBoxState(stdout: string): Result<BoxState> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of stdout.split("\n")) {
    const m = /^@@(iptables|ebtables|sysctl|pending|end)$/.exec(line);
    if (m) sections.set(m[1]!, (current = []));
    else if (line.startsWith("@@error")) return err(line.slice(2));
    else current?.push(line);
  }
  if (!sections.has("end")) return err(`the state read ended early: ${stdout.slice(0, 200) || "(no output)"}`);
  const pending = parsePending(sections.get("pending"));
  if (!pending.ok) return pending;
  const eb = sections.get("ebtables") ?? [];
  const sysctl: Record<string, string> = {};
  for (const line of sections.get("sysctl") ?? []) {
    const [k, v] = line.split("=");
    if (k && v !== undefined) sysctl[k.replaceAll("/", ".")] = v.trim();
  }
  return ok({
    iptablesNat: (sections.get("iptables") ?? []).join("\n"),
    ebtablesNat: eb.includes("@@absent") ? null : eb.join("\n"),
    sysctl,
    pending: pending.value,
  });
}

/** "TOKEN SECONDS alive|stopped" (bd_pending_words), "TOKEN resolved", or nothing. */
function parsePending(lines: string[] | undefined): Result<PendingChange | null> {
  if (lines === undefined) return err("the state read did not say whether an apply is waiting for confirmation");
  const line = lines.filter((l) => l.trim() !== "").at(-1);
  if (line === undefined) return ok(null);
  const m = /^(\S+) (?:(\d+) (alive|stopped)|(resolved))$/.exec(line.trim());
  if (!m || !AGENT_TOKEN.test(m[1]!)) {
    return err(`the state read's pending apply is not "token seconds timer": ${line.slice(0, 120)}`);
  }
  // Resolved while the tables were read: they may show it either way, so it
  // counts as resolving now (read again in a moment).
  if (m[4]) return ok({ token: m[1]!, secondsLeft: 0, timerAlive: true });
  return ok({ token: m[1]!, secondsLeft: Number(m[2]), timerAlive: m[3] === "alive" });
}

export async function readBoxState(session: SshSession, timeoutMs: number): Promise<Result<BoxState>> {
  const out = await runCommand(session, { script: readStateScript(), name: "state read" }, { timeoutMs });
  if (!out.ok) return err(out.error.message);
  return parseBoxState(out.value.stdout);
}

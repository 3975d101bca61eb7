import { err, ok, type Result } from "@/lib/domain/result";
import { runCommand } from "@/lib/ssh/run-command";
import type { SshSession } from "@/lib/ssh/connect-ssh";

/**
 * Planning reads a box's state with this small script instead of the full
 * agent: a plan runs on every target of every rollout (most of them change
 * nothing), so it must cost about what a bare `ssh box true` costs. Three
 * processes on the box (sh, iptables-save, ebtables-save); the sysctls are
 * read with the shell's own `read`. Sections are marked by "@@" lines, which
 * neither save format can produce.
 */
export const READ_STATE_SCRIPT = `PATH="$PATH:/usr/sbin:/sbin"
echo @@iptables
"\${BRANCHDESK_IPTABLES:-iptables}-save" -t nat || echo "@@error iptables-save failed"
echo @@ebtables
if command -v ebtables-save >/dev/null 2>&1; then ebtables-save -t nat 2>/dev/null || ebtables-save 2>/dev/null; elif command -v ebtables >/dev/null 2>&1; then ebtables -t nat -L; else echo "@@absent"; fi
echo @@sysctl
for k in net/ipv4/ip_forward net/bridge/bridge-nf-call-iptables; do
  if [ -r "/proc/sys/$k" ]; then read -r v < "/proc/sys/$k"; echo "$k=$v"; fi
done
echo @@end
`;

export type BoxState = { iptablesNat: string; ebtablesNat: string | null; sysctl: Record<string, string> };

export function parseBoxState(stdout: string): Result<BoxState> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of stdout.split("\n")) {
    const m = /^@@(iptables|ebtables|sysctl|end)$/.exec(line);
    if (m) sections.set(m[1]!, (current = []));
    else if (line.startsWith("@@error")) return err(line.slice(2));
    else current?.push(line);
  }
  if (!sections.has("end")) return err(`the state read ended early: ${stdout.slice(0, 200) || "(no output)"}`);
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
  });
}

export async function readBoxState(session: SshSession, timeoutMs: number): Promise<Result<BoxState>> {
  const out = await runCommand(session, { script: READ_STATE_SCRIPT, name: "state read" }, { timeoutMs });
  if (!out.ok) return err(out.error.message);
  return parseBoxState(out.value.stdout);
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { shellQuote } from "@/lib/domain/shell-quote";
import { readStateScript } from "@/lib/rollout/ssh/read-state";

let healthSh: string | null = null;

/**
 * The one step a sweep runs on a box: the rollout's rules read (iptables-save,
 * ebtables-save, sysctls, pending apply) and agents/health.sh after it, in one
 * `sh -s` step, so a box answers everything in one round trip. Values that reach
 * the script are shell-quoted (bridge and domain come from the inventory).
 */
export function healthStepScript(
  kind: "host" | "gateway",
  bridge: string | null,
  domain: string | null,
  /** Tests: BRANCHDESK_PROC / BRANCHDESK_SYS pointing the reads at a fixture tree on the box. */
  env: Record<string, string> = {},
): string {
  // Spelled out from process.cwd() as agent-source.ts does, so a build traces agents/.
  healthSh ??= readFileSync(path.join(process.cwd(), "agents", "health.sh"), "utf8");
  const vars = [
    `BD_KIND=${shellQuote(kind)}`,
    `BD_BRIDGE=${shellQuote(bridge ?? "")}`,
    `BD_DOMAIN=${shellQuote(domain ?? "")}`,
    ...Object.entries(env)
      .filter(([k]) => /^BRANCHDESK_[A-Z_]+$/.test(k))
      .map(([k, v]) => `${k}=${shellQuote(v)}; export ${k}`),
  ].join("\n");
  return `${readStateScript()}\n${vars}\n${healthSh}`;
}

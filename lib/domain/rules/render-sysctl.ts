/**
 * The kernel settings a RuleSet depends on, as sysctl.conf lines
 * (`key=value`, also valid `sysctl -w` arguments), sorted by key.
 * A setting with a module (br_netfilter) only exists once the module is
 * loaded: the agent runs `modprobe <module>` first (listed in renderModules).
 */
import { cmp } from "./normal-rule";
import type { RuleSet } from "./rule";

export function renderSysctl(rs: RuleSet): string {
  const lines = [...rs.settings].sort((a, b) => cmp(a.key, b.key)).map((s) => `${s.key}=${s.value}`);
  return lines.length ? lines.join("\n") + "\n" : "";
}

export function renderModules(rs: RuleSet): string {
  const mods = [...new Set(rs.settings.flatMap((s) => (s.module ? [s.module] : [])))].sort(cmp);
  return mods.length ? mods.join("\n") + "\n" : "";
}

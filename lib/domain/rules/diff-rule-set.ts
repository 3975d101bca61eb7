/**
 * Desired RuleSet vs what a target's kernel reports, compared semantically
 * (normalised keys, so `--to` vs `--to-source` or `/32` never shows as drift).
 *
 * - toAdd / toRemove / inPlace: Branchdesk rules, inside owned chains only.
 * - foreign: every rule outside the owned chains (libvirt, docker, an admin),
 *   except the one correct jump; listed for the operator, never touched.
 * - duplicates: a rule present more than once in one chain, the classic
 *   result of re-running `-A` scripts; `owned` ones are fixed by the next
 *   apply (it flushes the chain), foreign ones are only reported.
 * - jumpProblems: the jump missing or duplicated (apply fixes both); a jump
 *   into an owned chain from elsewhere or with matches ("unexpected"), or an
 *   owned chain whose policy is not the rendered one ("policy").
 *   "unexpected" is reported but does not make `changed` true: apply never
 *   removes a rule it did not write.
 * - changed: true when applying the rendered files would change anything.
 */
import type { Jump, OwnedChain, Rule, RuleSet, SettingKey, Tool } from "./rule";
import { compareRules, ruleChain, ruleTool } from "./rule";
import { isPlainJump } from "./normal-rule";
import type { ParsedRule, ParsedTable } from "./parsed-table";
import { modelRuleKey } from "./rule-key";

export type RunningState = {
  iptables: ParsedTable | null;
  /** null when not read (gateways): treated as an empty table. */
  ebtables: ParsedTable | null;
  sysctl: Readonly<Record<string, string>>;
};

export type JumpProblem =
  | { problem: "missing"; jump: Jump }
  | { problem: "duplicated"; jump: Jump; count: number }
  | { problem: "unexpected"; chain: OwnedChain; rule: ParsedRule }
  | { problem: "policy"; chain: OwnedChain; want: string; got: string };

export type Duplicate = { tool: Tool; chain: string; key: string; count: number; owned: boolean };
export type SettingWrong = { key: SettingKey; want: string; got: string | null };

export type RuleSetDiff = {
  toAdd: Rule[];
  toRemove: ParsedRule[];
  inPlace: Rule[];
  foreign: ParsedRule[];
  duplicates: Duplicate[];
  settingsWrong: SettingWrong[];
  jumpProblems: JumpProblem[];
  changed: boolean;
};

const USER_CHAIN_POLICY: Record<Tool, string> = { iptables: "-", ebtables: "RETURN" };

function diffTool(tool: Tool, desired: RuleSet, table: ParsedTable | null, d: RuleSetDiff): void {
  const jumps = desired.jumps.filter((j) => j.tool === tool);
  const owned = new Set<string>(jumps.map((j) => j.chain));
  const want = desired.rules.filter((r) => ruleTool(r) === tool && owned.has(ruleChain(r)));
  const wantKeys = new Set(want.map(modelRuleKey));
  const counts = new Map<string, { rule: ParsedRule; count: number }>();
  const jumpCounts = new Map<Jump, number>(jumps.map((j) => [j, 0]));
  for (const pr of table?.rules ?? []) {
    const id = `${pr.chain}\0${pr.key}`;
    const seen = counts.get(id);
    counts.set(id, { rule: pr, count: (seen?.count ?? 0) + 1 });
    if (owned.has(pr.chain)) {
      if (!wantKeys.has(pr.key)) d.toRemove.push(pr);
      continue;
    }
    const jump = jumps.find((j) => j.from === pr.chain && isPlainJump(pr.normal, j.chain));
    if (jump) {
      jumpCounts.set(jump, jumpCounts.get(jump)! + 1);
      counts.delete(id); // a repeated jump is reported as "duplicated" below, not as a foreign duplicate
    } else if (pr.normal.target && owned.has(pr.normal.target.name)) {
      d.jumpProblems.push({ problem: "unexpected", chain: pr.normal.target.name as OwnedChain, rule: pr });
    } else d.foreign.push(pr);
  }
  for (const r of want) {
    const hit = counts.get(`${ruleChain(r)}\0${modelRuleKey(r)}`);
    (hit ? d.inPlace : d.toAdd).push(r);
  }
  for (const { rule, count } of counts.values()) {
    if (count > 1) d.duplicates.push({ tool, chain: rule.chain, key: rule.key, count, owned: owned.has(rule.chain) });
  }
  for (const [jump, count] of jumpCounts) {
    if (count === 0) d.jumpProblems.push({ problem: "missing", jump });
    if (count > 1) d.jumpProblems.push({ problem: "duplicated", jump, count });
  }
  for (const c of table?.chains ?? []) {
    if (owned.has(c.name) && c.policy !== USER_CHAIN_POLICY[tool]) {
      d.jumpProblems.push({
        problem: "policy",
        chain: c.name as OwnedChain,
        want: USER_CHAIN_POLICY[tool],
        got: c.policy,
      });
    }
  }
}

export function diffRuleSet(desired: RuleSet, running: RunningState): RuleSetDiff {
  const d: RuleSetDiff = {
    toAdd: [],
    toRemove: [],
    inPlace: [],
    foreign: [],
    duplicates: [],
    settingsWrong: [],
    jumpProblems: [],
    changed: false,
  };
  diffTool("iptables", desired, running.iptables, d);
  diffTool("ebtables", desired, running.ebtables, d);
  d.inPlace.sort(compareRules);
  d.toAdd.sort(compareRules);
  for (const s of desired.settings) {
    const got = running.sysctl[s.key] ?? null;
    if (got !== s.value) d.settingsWrong.push({ key: s.key, want: s.value, got });
  }
  d.changed =
    d.toAdd.length + d.toRemove.length + d.settingsWrong.length > 0 ||
    d.duplicates.some((x) => x.owned) ||
    d.jumpProblems.some((p) => p.problem !== "unexpected");
  return d;
}

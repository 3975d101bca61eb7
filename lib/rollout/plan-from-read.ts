import { diffRuleSet, type RuleSetDiff } from "@/lib/domain/rules/diff-rule-set";
import { parseEbtables } from "@/lib/domain/rules/parse-ebtables";
import { parseIptablesSave } from "@/lib/domain/rules/parse-iptables-save";
import type { RuleSet } from "@/lib/domain/rules/rule";
import { ruleLine } from "@/lib/domain/rules/rule-args";
import { err, ok, type Result } from "@/lib/domain/result";
import type { BoxState } from "./read-state";
import type { TargetPlan } from "./rollout-types";

/** Diffs what the agent read against the desired RuleSet and words it for an operator. */
export function planFromRead(desired: RuleSet, read: BoxState): Result<TargetPlan> {
  const iptables = parseIptablesSave(read.iptablesNat);
  if (!iptables.ok) return err(`cannot parse the box's iptables-save output: ${iptables.error}`);
  const ebtables = read.ebtablesNat === null ? ok(null) : parseEbtables(read.ebtablesNat);
  if (!ebtables.ok) return err(`cannot parse the box's ebtables listing: ${ebtables.error}`);
  const diff = diffRuleSet(desired, { iptables: iptables.value, ebtables: ebtables.value, sysctl: read.sysctl });
  return ok({ changed: diff.changed, diff: describeDiff(diff), counts: countsOf(diff) });
}

function countsOf(d: RuleSetDiff): TargetPlan["counts"] {
  return {
    add: d.toAdd.length,
    remove: d.toRemove.length,
    inPlace: d.inPlace.length,
    foreign: d.foreign.length,
    duplicates: d.duplicates.filter((x) => x.owned).length,
    settings: d.settingsWrong.length,
  };
}

/** "+ " adds, "- " removes, "  " in place, "! " problems the apply fixes, "? " noticed but never touched. */
export function describeDiff(d: RuleSetDiff): string[] {
  return [
    ...d.toAdd.map((r) => `+ ${ruleLine(r)}`),
    ...d.toRemove.map((r) => `- ${r.text}`),
    ...d.inPlace.map((r) => `  ${ruleLine(r)}`),
    ...d.jumpProblems.map((j) =>
      j.problem === "missing" ? `! jump ${j.jump.from} -> ${j.jump.chain} missing (${j.jump.tool})`
      : j.problem === "duplicated" ? `! jump ${j.jump.from} -> ${j.jump.chain} present ${j.count} times (${j.jump.tool})`
      : j.problem === "policy" ? `! chain ${j.chain} policy is ${j.got}, want ${j.want}`
      : `? unexpected jump into ${j.chain}: ${j.rule.text} (left alone)`),
    ...d.duplicates.map((x) => `${x.owned ? "!" : "?"} ${x.count}x in ${x.chain}: ${x.key}${x.owned ? "" : " (foreign, left alone)"}`),
    ...d.settingsWrong.map((s) => `! sysctl ${s.key} is ${s.got ?? "absent"}, want ${s.want}`),
    ...d.foreign.map((r) => `? foreign: ${r.text} (left alone)`),
  ];
}

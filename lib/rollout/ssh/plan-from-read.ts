import { diffRuleSet, type RuleSetDiff } from "@/lib/domain/rules/diff-rule-set";
import { parseEbtables } from "@/lib/domain/rules/parse-ebtables";
import { parseIptablesSave } from "@/lib/domain/rules/parse-iptables-save";
import type { RuleSet } from "@/lib/domain/rules/rule";
import { ruleLine } from "@/lib/domain/rules/rule-args";
import { err, ok, type Result } from "@/lib/domain/result";
import type { BoxState } from "./read-state";
import type { PlanOutcome, TargetPlan } from "../rollout-types";

/**
 * Diffs what the box runs against the desired RuleSet and words it for an
 * operator. A box holding an unconfirmed apply is in flux instead: what runs
 * there is that apply's rules until its dead-man decides, so no diff against
 * them may say "unchanged". `ownToken`: the apply this session made itself
 * (read back before its confirm), which is expected to be pending.
 */
export function planFromRead(desired: RuleSet, read: BoxState, ownToken?: string): Result<PlanOutcome> {
  if (read.pending && read.pending.token !== ownToken) return ok({ kind: "in-flux", pending: read.pending });
  const iptables = parseIptablesSave(read.iptablesNat);
  if (!iptables.ok) return err(`cannot parse the box's iptables-save output: ${iptables.error}`);
  const ebtables = read.ebtablesNat === null ? ok(null) : parseEbtables(read.ebtablesNat);
  if (!ebtables.ok) return err(`cannot parse the box's ebtables listing: ${ebtables.error}`);
  const diff = diffRuleSet(desired, { iptables: iptables.value, ebtables: ebtables.value, sysctl: read.sysctl });
  return ok({ kind: "plan", plan: { changed: diff.changed, diff: describeDiff(diff), counts: countsOf(diff) } });
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
      j.problem === "missing"
        ? `! jump ${j.jump.from} -> ${j.jump.chain} missing (${j.jump.tool})`
        : j.problem === "duplicated"
          ? `! jump ${j.jump.from} -> ${j.jump.chain} present ${j.count} times (${j.jump.tool})`
          : j.problem === "policy"
            ? `! chain ${j.chain} policy is ${j.got}, want ${j.want}`
            : `? unexpected jump into ${j.chain}: ${j.rule.text} (left alone)`,
    ),
    ...d.duplicates.map(
      (x) => `${x.owned ? "!" : "?"} ${x.count}x in ${x.chain}: ${x.key}${x.owned ? "" : " (foreign, left alone)"}`,
    ),
    ...d.settingsWrong.map((s) => `! sysctl ${s.key} is ${s.got ?? "absent"}, want ${s.want}`),
    ...d.foreign.map((r) => `? foreign: ${r.text} (left alone)`),
  ];
}

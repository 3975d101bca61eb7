import { withoutCounters, type AdoptLine } from "@/lib/domain/nat-audit/adopt-line";
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
export function planFromRead(
  desired: RuleSet,
  read: BoxState,
  ownToken?: string,
  adopt: readonly AdoptLine[] = [],
): Result<PlanOutcome> {
  if (read.pending && read.pending.token !== ownToken) return ok({ kind: "in-flux", pending: read.pending });
  const iptables = parseIptablesSave(read.iptablesNat);
  if (!iptables.ok) return err(`cannot parse the box's iptables-save output: ${iptables.error}`);
  const ebtables = read.ebtablesNat === null ? ok(null) : parseEbtables(read.ebtablesNat);
  if (!ebtables.ok) return err(`cannot parse the box's ebtables listing: ${ebtables.error}`);
  const diff = diffRuleSet(desired, { iptables: iptables.value, ebtables: ebtables.value, sysctl: read.sysctl });
  const adopted = adoptedLines(read.iptablesNat, adopt, ownToken !== undefined);
  if (!adopted.ok) return adopted;
  const plan = { changed: diff.changed || adopted.value.length > 0, diff: describeDiff(diff), counts: countsOf(diff) };
  plan.diff.unshift(...adopted.value.map((l) => `- ${l} (hand-made, adopted)`));
  plan.counts.remove += adopted.value.length;
  return ok({ kind: "plan", plan });
}

/**
 * The adopted lines still on the box: before the apply exactly the copies the plan lists, read
 * back after it (`after`) those or none; anything else means the box changed since the audit.
 */
function adoptedLines(iptablesSave: string, adopt: readonly AdoptLine[], after: boolean): Result<string[]> {
  if (adopt.length === 0) return ok([]);
  const onBox = new Map<string, number>();
  for (const raw of iptablesSave.split("\n")) {
    const line = withoutCounters(raw.trim());
    onBox.set(line, (onBox.get(line) ?? 0) + 1);
  }
  const wanted = new Map<string, number>();
  for (const l of adopt) wanted.set(l, (wanted.get(l) ?? 0) + 1);
  const present: string[] = [];
  for (const [line, n] of wanted) {
    const have = onBox.get(line) ?? 0;
    if (have !== n && !(after && have === 0)) {
      return err(`the box has ${have} copies of "${line}", the adoption removes ${n}: audit the box again`);
    }
    for (let i = 0; i < have; i++) present.push(line);
  }
  return ok(present);
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

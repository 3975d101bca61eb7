/**
 * Real-kernel round trips, driven by the real agent: render, ship with the
 * SSH bundle, apply and confirm in a fresh namespace, read back with
 * iptables-save / ebtables, parse, compare with the model. Against
 * iptables-nft + ebtables-nft (Debian 12) and iptables-legacy + legacy
 * ebtables (CentOS 7; the legacy ebtables binary is absent from this kernel,
 * so agents/testing/legacy-tools.ts stands in for it over ebtables-nft).
 * Boxes: agents/testing/rule-box.ts.
 */
import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { useAgentLabs } from "@/agents/testing/agent-lab";
import { applyBranch, BACKENDS, readBox, ruleBox } from "@/agents/testing/rule-box";
import { diffRuleSet, type RunningState } from "./diff-rule-set";
import { parseEbtables } from "./parse-ebtables";
import { ruleChain, type RuleSet } from "./rule";
import { ruleLine } from "./rule-args";
import { BRANCHES } from "./testdata/branches";
import { foreignLines } from "./testdata/foreign";

const { lab } = useAgentLabs();

const owned = (rs: RuleSet): string[] => rs.jumps.map((j) => j.chain);

function expectConverged(rs: RuleSet, state: RunningState) {
  const d = diffRuleSet(rs, state);
  const none = { toAdd: [], toRemove: [], duplicates: [], jumpProblems: [], settingsWrong: [] };
  expect(d).toMatchObject({ ...none, changed: false });
  expect(d.inPlace).toEqual(rs.rules);
  // Parsed back into the model: exactly the desired rules, in owned chains.
  const back = [state.iptables!, state.ebtables!].flatMap((t) => t.rules.filter((r) => owned(rs).includes(r.chain)));
  expect(back.map((r) => r.rule)).toEqual(expect.arrayContaining([...rs.rules]));
  expect(back).toHaveLength(rs.rules.length);
  return d;
}

describe.each(BACKENDS)("kernel round trip through the agent, $label", (backend) => {
  const cases = BRANCHES.map((b) => [b.name, b] as const);
  it.each(cases)("%s: applied, read back equal; again: unchanged; foreign rules kept", async (_n, branch) => {
    const rs = branch.ruleSet;
    const box = await ruleBox(lab, branch, backend);
    const before = await readBox(box);

    expect(await applyBranch(box, branch, "t1")).toMatchObject({ changed: true, matchesPayload: true });
    const first = await readBox(box);
    const d = expectConverged(rs, first.state);
    const foreignBefore = [...before.state.iptables!.rules, ...before.state.ebtables!.rules];
    expect(d.foreign.map((r) => r.text).sort()).toEqual(foreignBefore.map((r) => r.text).sort());
    // Byte-identical read-back: every rendered -A line appears verbatim in the dump.
    const dumps = (first.text.iptables + first.text.ebtablesSave).split("\n");
    for (const r of rs.rules) expect(dumps).toContain(ruleLine(r));
    expect(foreignLines(first.text.iptables, owned(rs))).toEqual(foreignLines(before.text.iptables, owned(rs)));
    expect(foreignLines(first.text.ebtablesSave, owned(rs))).toEqual(foreignLines(before.text.ebtablesSave, owned(rs)));
    // The -L listing parses to the same rules as the save format.
    const listed = unwrap(parseEbtables(first.text.ebtablesList)).rules.map((r) => r.key);
    expect(listed).toEqual(first.state.ebtables!.rules.map((r) => r.key));

    expect(await applyBranch(box, branch, "t2")).toMatchObject({ changed: false });
    const second = await readBox(box);
    expectConverged(rs, second.state);
    expect(foreignLines(second.text.iptables, [])).toEqual(foreignLines(first.text.iptables, []));
    expect(foreignLines(second.text.ebtablesSave, [])).toEqual(foreignLines(first.text.ebtablesSave, []));
    expect(rs.rules.every((r) => owned(rs).includes(ruleChain(r)))).toBe(true);
  });
});

/**
 * Real-kernel round trips: render, apply with the README's recipe in a fresh
 * namespace, read back with iptables-save / ebtables, parse, compare with the
 * model. Runs against iptables-nft + ebtables-restore (Debian 12 style) and
 * iptables-legacy + ebtables commands (CentOS 7 style; legacy ebtables itself
 * is absent from this kernel, so its command syntax runs on ebtables-nft).
 */
import { afterAll, describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { applyRendered, readRunning, type Backend } from "@/lib/testing/apply-rule-set";
import { addBridge, addVeth, createNetns, deleteNetns, type Netns } from "@/lib/testing/netns";
import { diffRuleSet, type RunningState } from "./diff-rule-set";
import { parseEbtables } from "./parse-ebtables";
import { parseIptablesSave } from "./parse-iptables-save";
import { parseSysctl } from "./parse-sysctl";
import { renderRuleSet } from "./render-rule-set";
import { ruleChain, type RuleSet } from "./rule";
import { ruleLine } from "./rule-args";
import { BRANCHES, type Branch } from "./testdata/branches";
import { FOREIGN_EBTABLES, FOREIGN_IPTABLES, foreignLines } from "./testdata/foreign";

const BACKENDS: readonly (Backend & { label: string })[] = [
  { label: "iptables-nft + ebtables-restore", ipt: "iptables", eb: "restore" },
  { label: "iptables-legacy + ebtables commands", ipt: "iptables-legacy", eb: "commands" },
];
const opened: Netns[] = [];
afterAll(async () => {
  await Promise.all(opened.map(deleteNetns));
});

async function namespaceFor(branch: Branch, backend: Backend): Promise<Netns> {
  const ns = await createNetns();
  opened.push(ns);
  for (const b of branch.bridges) await addBridge(ns, b);
  for (const l of [...branch.links, "wan0"]) await addVeth(ns, l, `${l.slice(0, 11)}-p`);
  await ns.run([`${backend.ipt}-restore`, "--noflush"], FOREIGN_IPTABLES);
  await ns.run(["ebtables-restore", "--noflush"], FOREIGN_EBTABLES);
  // Start from the wrong settings so the apply has to set them.
  await ns.run(["sysctl", "-q", "-w", "net.ipv4.ip_forward=0", "net.bridge.bridge-nf-call-iptables=0"]);
  return ns;
}

async function running(ns: Netns, backend: Backend) {
  const text = await readRunning(ns, backend.ipt);
  const state: RunningState = {
    iptables: unwrap(parseIptablesSave(text.iptables)),
    ebtables: unwrap(parseEbtables(text.ebtablesSave)),
    sysctl: parseSysctl(text.sysctl),
  };
  return { text, state };
}

function owned(rs: RuleSet): string[] {
  return rs.jumps.map((j) => j.chain);
}

function expectConverged(rs: RuleSet, state: RunningState) {
  const d = diffRuleSet(rs, state);
  expect(d.toAdd).toEqual([]);
  expect(d.toRemove).toEqual([]);
  expect(d.duplicates).toEqual([]);
  expect(d.jumpProblems).toEqual([]);
  expect(d.settingsWrong).toEqual([]);
  expect(d.changed).toBe(false);
  expect(d.inPlace).toEqual(rs.rules);
  // Parsed back into the model: exactly the desired rules, in owned chains.
  const tables = [state.iptables!, state.ebtables!];
  const back = tables.flatMap((t) => t.rules.filter((r) => owned(rs).includes(r.chain)));
  expect(back.map((r) => r.rule)).toEqual(expect.arrayContaining([...rs.rules]));
  expect(back).toHaveLength(rs.rules.length);
  return d;
}

describe.each(BACKENDS)("kernel round trip with $label", (backend) => {
  it.each(BRANCHES.map((b) => [b.name, b] as const))("%s: apply, read back, equal; again: still equal; foreign rules untouched", async (_n, branch) => {
    const rs = branch.ruleSet;
    const files = renderRuleSet(rs);
    const ns = await namespaceFor(branch, backend);
    const before = await running(ns, backend);

    await applyRendered(ns, files, backend);
    const first = await running(ns, backend);
    const d = expectConverged(rs, first.state);
    expect(d.foreign.map((r) => r.text).sort()).toEqual(
      [...before.state.iptables!.rules, ...before.state.ebtables!.rules].map((r) => r.text).sort(),
    );
    // Byte-identical read-back: every rendered -A line appears verbatim in the dump.
    const dumps = first.text.iptables + first.text.ebtablesSave;
    for (const r of rs.rules) expect(dumps.split("\n")).toContain(ruleLine(r));
    expect(foreignLines(first.text.iptables, owned(rs))).toEqual(foreignLines(before.text.iptables, owned(rs)));
    expect(foreignLines(first.text.ebtablesSave, owned(rs))).toEqual(foreignLines(before.text.ebtablesSave, owned(rs)));
    // The -L listing parses to the same rules as the save format.
    const listed = unwrap(parseEbtables(first.text.ebtablesList)).rules.map((r) => r.key);
    expect(listed).toEqual(first.state.ebtables!.rules.map((r) => r.key));

    await applyRendered(ns, files, backend);
    const second = await running(ns, backend);
    expectConverged(rs, second.state);
    expect(foreignLines(second.text.iptables, [])).toEqual(foreignLines(first.text.iptables, []));
    expect(foreignLines(second.text.ebtablesSave, [])).toEqual(foreignLines(first.text.ebtablesSave, []));
    expect(rs.rules.every((r) => owned(rs).includes(ruleChain(r)))).toBe(true);
  });
});

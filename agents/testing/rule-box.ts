/**
 * For the rule engine's kernel tests (lib/domain/rules/*.kernel.test.ts):
 * a box in an agent lab with a branch's interfaces, the payload applied
 * through the real agent (bundle, apply, confirm), and the box read back the
 * way the dashboard reads a target (lib/domain/rules/README.md).
 */
import { expect } from "vitest";
import { unwrap } from "@/lib/domain/result";
import { parseEbtables, parseIptablesSave, parseSysctl, renderRuleSet, type RunningState } from "@/lib/domain/rules";
import type { Branch } from "@/lib/domain/rules/testdata/branches";
import { FOREIGN_EBTABLES, FOREIGN_IPTABLES } from "@/lib/domain/rules/testdata/foreign";
import type { Ifname } from "@/lib/domain/values/ifname";
import type { AgentLab, LabLinks } from "./agent-lab";
import { legacyTools } from "./legacy-tools";

export type Backend = { label: string; ipt: "iptables" | "iptables-legacy"; legacy: boolean };
export const BACKENDS: readonly Backend[] = [
  { label: "iptables-nft + ebtables-nft", ipt: "iptables", legacy: false },
  { label: "iptables-legacy + legacy ebtables", ipt: "iptables-legacy", legacy: true },
];

export type RuleBox = { l: AgentLab; env: Record<string, string>; backend: Backend };

/** A box with the branch's interfaces and the foreign rules seeded; sysctls start off (agent-lab.ts). */
export async function ruleBox(
  lab: (shell: "dash", links: LabLinks) => Promise<AgentLab>,
  branch: Branch,
  backend: Backend,
): Promise<RuleBox> {
  const l = await lab("dash", { bridges: branch.bridges, links: [...branch.links, "wan0"] });
  await l.ns.run([`${backend.ipt}-restore`, "--noflush"], FOREIGN_IPTABLES);
  await l.ns.run(["ebtables-restore", "--noflush"], FOREIGN_EBTABLES);
  return { l, env: backend.legacy ? await legacyTools(l) : {}, backend };
}

/** Applies the branch's rendered rules with the agent and confirms them; returns the apply's result. */
export async function applyBranch(box: RuleBox, branch: Branch, token: string) {
  const bridge = branch.ruleSet.target === "host" ? (branch.bridges[0] as Ifname) : null;
  const payload = { rendered: renderRuleSet(branch.ruleSet), bridge };
  const applied = (await box.l.agent({ verb: "apply", token, payload }, box.env)).result;
  expect(applied).toMatchObject({ ok: true, verb: "apply" });
  if (applied.ok && applied.verb === "apply" && applied.armed) {
    const confirmed = (await box.l.agent({ verb: "confirm", token }, box.env)).result;
    expect(confirmed).toMatchObject({ ok: true, confirmed: true });
  }
  return applied;
}

export async function readBox(box: RuleBox) {
  const run = (argv: string[]) => box.l.ns.run(argv);
  const sysctl = await box.l.ns.exec(["sysctl", "net.ipv4.ip_forward", "net.bridge.bridge-nf-call-iptables"]);
  const text = {
    iptables: await run([`${box.backend.ipt}-save`, "-t", "nat"]),
    ebtablesSave: await run(["ebtables-save"]),
    ebtablesList: await run(["ebtables", "-t", "nat", "-L"]),
  };
  const state: RunningState = {
    iptables: unwrap(parseIptablesSave(text.iptables)),
    ebtables: unwrap(parseEbtables(text.ebtablesSave)),
    sysctl: parseSysctl(sysctl.stdout),
  };
  return { text, state };
}

/**
 * Applies rendered rule-set files inside a namespace exactly the way an agent
 * must: by running the POSIX sh recipe checked into
 * lib/domain/rules/README.md (the block after `<!-- apply-recipe -->`), so the
 * documented contract is the tested one. Also reads a namespace back the way
 * the README says a target is read.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RenderedRuleSet } from "../domain/rules/render-rule-set";
import type { Netns } from "./netns";

export type Backend = { ipt: "iptables" | "iptables-legacy"; eb: "restore" | "commands" };

const README = fileURLToPath(new URL("../domain/rules/README.md", import.meta.url));

export async function applyRecipe(): Promise<string> {
  const text = await readFile(README, "utf8");
  const m = /<!-- apply-recipe -->\s*```sh\n([\s\S]*?)```/.exec(text);
  if (!m) throw new Error(`no apply recipe found in ${README}`);
  return m[1]!;
}

export async function applyRendered(ns: Netns, files: RenderedRuleSet, backend: Backend): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "bdrt-files-"));
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    const script = path.join(dir, "apply.sh");
    await writeFile(script, await applyRecipe());
    await ns.run(["env", `DIR=${dir}`, `IPT=${backend.ipt}`, `EB=${backend.eb}`, "sh", script]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type RunningText = { iptables: string; ebtablesSave: string; ebtablesList: string; sysctl: string };

export async function readRunning(ns: Netns, ipt: Backend["ipt"]): Promise<RunningText> {
  const sysctl = await ns.exec(["sysctl", "net.ipv4.ip_forward", "net.bridge.bridge-nf-call-iptables"]);
  return {
    iptables: await ns.run([`${ipt}-save`, "-t", "nat"]),
    ebtablesSave: await ns.run(["ebtables-save"]),
    ebtablesList: await ns.run(["ebtables", "-t", "nat", "-L"]),
    sysctl: sysctl.stdout,
  };
}

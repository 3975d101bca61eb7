/**
 * The agent's planner on its own: no root, no kernel. The shipped parts
 * (generated constants, lib/common.sh, lib/plan.awk, lib/plan.sh, exactly as
 * the bundle has them) run under dash (mawk) or busybox (busybox awk) on
 * files standing in for the payload and for `iptables-save -t nat` /
 * `ebtables-save -t nat`, the way bd_prepare calls bd_planner.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SYSCTL_KEYS } from "@/lib/rollout/ssh/agent-constants";
import { agentParts, CONSTANTS_PART } from "@/lib/rollout/ssh/agent-source";
import { run } from "@/lib/testing/proc";
import { shellBin, type Shell } from "./shells";

export type PlannerInput = {
  /** Payload files by name; a missing one is empty (as bd_planner makes it). */
  payload: Readonly<Record<string, string>>;
  iptablesSave: string;
  ebtablesSave: string;
  /** What /proc/sys holds; a key left out is "absent" (br_netfilter not loaded). */
  sysctl: Readonly<Record<string, string>>;
  ebFlavour?: "nft" | "legacy" | "absent";
};

export type PlannerOutput = {
  /** "ok noop|change IPTWORK EBWORK" or "error: MESSAGE", as bd_planner reports it. */
  line: string;
  /** before.canon, desired.canon, tx.iptables, tx.ebtables, and snap/<file> for the snapshot. */
  files: Record<string, string>;
};

const DRIVER = `
BD_TMP=$1 BD_CURSYS=$2 BD_EB_FLAVOUR=$3
if bd_planner "$4" 1 "$5"; then echo "ok $BD_PLAN $BD_IPT_WORK $BD_EB_WORK"; else echo "error: $BD_FAIL_MSG"; fi
`;

function plannerScript(): string {
  const wanted = [CONSTANTS_PART, "lib/common.sh", "lib/plan.awk", "lib/plan.sh"];
  const parts = agentParts().filter((p) => wanted.includes(p.file));
  if (parts.length !== wanted.length) throw new Error(`agents/MANIFEST lacks one of ${wanted.join(", ")}`);
  return parts.map((p) => p.text).join("") + DRIVER;
}

async function readAll(dir: string, prefix = ""): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await readdir(dir)) out[prefix + f] = await readFile(path.join(dir, f), "utf8");
  return out;
}

export async function runPlanner(shell: Shell, input: PlannerInput): Promise<PlannerOutput> {
  const dir = await mkdtemp(path.join(tmpdir(), "bdplan-"));
  try {
    const [payload, work, snap] = ["payload", "work", "snap"].map((d) => path.join(dir, d)) as [string, string, string];
    for (const d of [payload, work, snap]) await mkdir(d);
    for (const [name, text] of Object.entries(input.payload)) await writeFile(path.join(payload, name), text);
    await writeFile(path.join(work, "cur.ipt"), input.iptablesSave);
    await writeFile(path.join(work, "cur.eb"), input.ebtablesSave);
    const cursys = SYSCTL_KEYS.map((k) => ` ${k}=${input.sysctl[k] ?? "absent"}`).join("");
    const bin = await shellBin(dir, shell);
    const args = [work, cursys, input.ebFlavour ?? "nft", payload, snap];
    const r = await run([path.join(bin, "sh"), "-s", "--", ...args], {
      input: plannerScript(),
      allowFailure: true,
      env: { PATH: `${bin}:/usr/sbin:/usr/bin:/sbin:/bin` },
    });
    if (r.code !== 0 || r.stderr !== "") throw new Error(`planner under ${shell}: exit ${r.code}\n${r.stderr}`);
    const files = { ...(await readAll(work)), ...(await readAll(snap, "snap/")) };
    for (const f of ["cur.ipt", "cur.eb"]) delete files[f];
    return { line: r.stdout.trim(), files };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A box for agent tests: a fresh network namespace (`bdag-<random>`, with a
 * bridge virbr0 and a veth eth0 so rules naming them load), private /etc and
 * /run directories passed through the agent's BRANCHDESK_* overrides, and a
 * PATH whose `sh` is dash or busybox. The agent is always driven the way SSH
 * drives it: the bundle on stdin of `ip netns exec NS ... sh -s -- VERB ARGS`.
 * `run` (lib/testing/proc.ts) resolves only when stdout and stderr close, so
 * a dead-man timer that kept the session's descriptors would hang the test.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { afterAll } from "vitest";
import { tmpdir } from "node:os";
import path from "node:path";
import { agentBundle, type AgentCommand } from "@/lib/rollout/ssh/agent-bundle";
import { parseAgentResult, type AgentResult } from "@/lib/rollout/ssh/agent-result";
import { unwrap } from "@/lib/domain/result";
import {
  buildGatewayRuleSet,
  buildHostRuleSet,
  parseGatewayRuleInput,
  parseHostRuleInput,
  renderRuleSet,
} from "@/lib/domain/rules";
import type { Ifname } from "@/lib/domain/values/ifname";
import type { AgentPayload } from "@/lib/rollout/ssh/agent-bundle";
import { addBridge, addVeth, createNetns, deleteNetns, netnsPids, type Netns } from "@/lib/testing/netns";
import { run as runArgv, type ExecResult } from "@/lib/testing/proc";
import { shellBin, type Shell } from "./shells";

export { SHELLS, type Shell } from "./shells";

export type AgentRun = ExecResult & { result: AgentResult };

export type AgentLab = {
  ns: Netns;
  dir: string;
  etc: string;
  run: string;
  systemd: string;
  env: Record<string, string>;
  /** Runs a verb through the bundle; throws if the output is not the agent's JSON. */
  agent(cmd: AgentCommand, env?: Record<string, string>): Promise<AgentRun>;
  /** Runs `ip netns exec NS <argv>` with the lab's environment (e.g. `sh -s` of a raw script). */
  exec(argv: readonly string[], input?: string, env?: Record<string, string>): Promise<ExecResult>;
  iptablesSave(): Promise<string>;
  ebtablesSave(): Promise<string>;
  sysctl(key: string): Promise<string>;
  close(): Promise<void>;
};

/** Dump without the timestamp comments: what "byte-identical" compares. */
export const stripComments = (dump: string) =>
  dump
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .join("\n");

/** Interfaces the payload names: bridges, and veth links (this kernel has no dummy driver). */
export type LabLinks = { bridges?: readonly string[]; links?: readonly string[] };

export async function createAgentLab(shell: Shell, options: LabLinks = {}): Promise<AgentLab> {
  const ns = await createNetns("bdag");
  let dir = "";
  let bin = "";
  try {
    dir = await mkdtemp(path.join(tmpdir(), `${ns.name}-`));
    bin = await shellBin(dir, shell);
    for (const b of options.bridges ?? ["virbr0"]) await addBridge(ns, b);
    for (const l of options.links ?? ["eth0"]) await addVeth(ns, l, `${l.slice(0, 11)}-p`);
    // A real host may start with the setting off; a new namespace has it on.
    await ns.run(["sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=0", "net.ipv4.ip_forward=0"]);
  } catch (e) {
    await deleteNetns(ns);
    if (dir) await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const [etc, run, systemd] = ["etc", "run", "systemd"].map((d) => path.join(dir, d)) as [string, string, string];
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin"}`,
    BRANCHDESK_ETC: etc,
    BRANCHDESK_RUN: run,
    BRANCHDESK_SYSTEMD_DIR: systemd,
    BRANCHDESK_INIT: "systemd",
    BRANCHDESK_SYSTEMCTL: "true",
    BRANCHDESK_WAIT_SECONDS: "60",
    TMPDIR: dir,
    // busybox here has no flock applet; exercise the agent's fallback lock.
    ...(shell === "busybox" ? { BRANCHDESK_LOCK: "mkdir" } : {}),
  };
  const exec = (argv: readonly string[], input?: string, extra: Record<string, string> = {}) => {
    const pairs = Object.entries({ ...env, ...extra }).map(([k, v]) => `${k}=${v}`);
    return runArgv(["ip", "netns", "exec", ns.name, "env", ...pairs, ...argv], { input, allowFailure: true });
  };
  return {
    ns,
    dir,
    etc,
    run,
    systemd,
    env,
    exec,
    async agent(cmd, extra) {
      // BDAG_AGENT_DIR: run a modified copy of agents/ (mutation checks of these tests).
      const bundle = unwrap(agentBundle(cmd, { agentDir: process.env.BDAG_AGENT_DIR }));
      const r = await exec(bundle.argv, bundle.stdin, extra);
      const parsed = parseAgentResult(r.stdout);
      if (!parsed.ok) throw new Error(`${cmd.verb}: ${parsed.error}\nexit ${r.code}\nstderr: ${r.stderr}`);
      return { ...r, result: parsed.value };
    },
    iptablesSave: async () => stripComments(await ns.run(["iptables-save", "-t", "nat"])),
    ebtablesSave: async () => stripComments(await ns.run(["ebtables-save", "-t", "nat"])),
    sysctl: async (key) => (await ns.run(["sysctl", "-n", key])).trim(),
    async close() {
      // Dead-man timers live in the namespace: end them with it.
      for (const pid of await netnsPids(ns.name)) {
        await runArgv(["kill", "-9", pid], { allowFailure: true }).catch(() => undefined);
      }
      await deleteNetns(ns);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A host's payload from inventory, through the real rule engine. */
export function hostPayload(guests: { ip: string; mac: string }[], bridge = "virbr0"): AgentPayload {
  const rs = buildHostRuleSet(unwrap(parseHostRuleInput({ bridge, guests })));
  return { rendered: renderRuleSet(rs), bridge: bridge as Ifname };
}

/** A gateway's payload (iptables only, ip_forward). */
export function gatewayPayload(guests: { ip: string }[]): AgentPayload {
  const input = {
    lanIfname: "eth0",
    lanIp: "203.0.113.1",
    linkLocalIp: "169.254.1.1",
    linkLocalPool: "169.254.0.0/16",
    guests,
  };
  return { rendered: renderRuleSet(buildGatewayRuleSet(unwrap(parseGatewayRuleInput(input)))), bridge: null };
}

/** Polls until `check` holds (timings on two noisy cores are never asserted, only waited for). */
export async function waitFor(what: string, check: () => Promise<boolean>, seconds = 60): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A test file's agent labs: `lab(shell)` makes one on demand and keeps it,
 * and every one is closed after the file's tests, even when they fail.
 */
export function useAgentLabs() {
  const labs: AgentLab[] = [];
  afterAll(async () => {
    await Promise.all(labs.map((l) => l.close()));
  });
  return {
    track(l: AgentLab): AgentLab {
      labs.push(l);
      return l;
    },
    async lab(shell: Shell, options: LabLinks = {}): Promise<AgentLab> {
      const l = await createAgentLab(shell, options);
      labs.push(l);
      return l;
    },
  };
}

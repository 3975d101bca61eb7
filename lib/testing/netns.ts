/**
 * Throwaway network namespaces for kernel tests (I/O lives here, never in
 * lib/domain). Names are `<prefix>-<random>` so parallel runs never collide;
 * every command is an argv run through lib/testing/proc.ts, never a shell
 * string. Always pair createNetns with deleteNetns in afterAll/finally.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { run, type ExecResult } from "./proc";

export type Netns = {
  name: string;
  /** Runs argv inside the namespace (nsenter --net), feeding `input` on stdin; never throws on an exit code. */
  exec(argv: readonly string[], input?: string): Promise<ExecResult>;
  /** Like exec, but throws with stderr when the command fails; returns stdout. */
  run(argv: readonly string[], input?: string): Promise<string>;
};

export function netnsPath(netns: string): string {
  return `/run/netns/${netns}`;
}

async function must(argv: readonly string[], input?: string): Promise<string> {
  return (await run(argv, { input })).stdout;
}

export async function createNetns(prefix = "bdrt"): Promise<Netns> {
  const name = `${prefix}-${randomBytes(5).toString("hex")}`;
  await must(["ip", "netns", "add", name]);
  const wrap = (argv: readonly string[]) => ["nsenter", `--net=${netnsPath(name)}`, ...argv];
  return {
    name,
    exec: (argv, input) => run(wrap(argv), { input, allowFailure: true }),
    run: (argv, input) => must(wrap(argv), input),
  };
}

/** Deletes the namespace; never throws, so it is safe in afterAll after a failed setup. */
export async function deleteNetns(ns: Netns | undefined): Promise<void> {
  if (!ns) return;
  await run(["ip", "netns", "delete", ns.name], { allowFailure: true }).catch(() => undefined);
}

/** Pids of every process whose network namespace is `name` (a dead-man timer, a listener). */
export async function netnsPids(name: string): Promise<string[]> {
  const r = await run(["ip", "netns", "pids", name], { allowFailure: true }).catch(() => ({ stdout: "" }));
  return r.stdout.split("\n").filter(Boolean);
}

/** Runs `ip -batch -` (optionally inside a named netns) with the given lines. */
export async function ipBatch(lines: readonly string[], netns?: string): Promise<void> {
  if (lines.length === 0) return;
  const argv = netns ? ["ip", "-n", netns, "-batch", "-"] : ["ip", "-batch", "-"];
  await run(argv, { input: lines.join("\n") + "\n" });
}

/** A bridge named as the rules name it, up. */
export async function addBridge(ns: Netns, name: string): Promise<void> {
  await must(["ip", "-n", ns.name, "link", "add", name, "type", "bridge"]);
  await must(["ip", "-n", ns.name, "link", "set", name, "up"]);
}

/** A veth pair inside the namespace (this kernel has no dummy driver), both ends up. */
export async function addVeth(ns: Netns, name: string, peer: string): Promise<void> {
  await must(["ip", "-n", ns.name, "link", "add", name, "type", "veth", "peer", "name", peer]);
  await must(["ip", "-n", ns.name, "link", "set", name, "up"]);
  await must(["ip", "-n", ns.name, "link", "set", peer, "up"]);
}

export async function addAddress(ns: Netns, ifname: string, cidr: string): Promise<void> {
  await must(["ip", "-n", ns.name, "addr", "add", cidr, "dev", ifname]);
}

/** A veth pair from `a` (named aName) to `b` (named bName), both ends up. */
export async function linkNamespaces(a: Netns, aName: string, b: Netns, bName: string): Promise<void> {
  await must(["ip", "-n", a.name, "link", "add", aName, "type", "veth", "peer", "name", bName, "netns", b.name]);
  await must(["ip", "-n", a.name, "link", "set", aName, "up"]);
  await must(["ip", "-n", b.name, "link", "set", bName, "up"]);
}

export async function setMaster(ns: Netns, ifname: string, bridge: string): Promise<void> {
  await must(["ip", "-n", ns.name, "link", "set", ifname, "master", bridge]);
}

/** A long-lived process inside the namespace; the caller kills it by this handle, in finally. */
export function spawnIn(ns: Netns, argv: readonly string[]): ChildProcess {
  return spawn("nsenter", [`--net=${netnsPath(ns.name)}`, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * Throwaway network namespaces for kernel tests (I/O lives here, never in
 * lib/domain). Names are `bdrt-<random>` so parallel runs never collide;
 * every command is an argv array run through execFile/spawn, never a shell
 * string. Always pair createNetns with deleteNetns in afterAll/finally.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";

export type ExecResult = { code: number; stdout: string; stderr: string };

export type Netns = {
  name: string;
  /** Runs argv inside the namespace (nsenter --net), feeding `input` on stdin. */
  exec(argv: readonly string[], input?: string): Promise<ExecResult>;
  /** Like exec, but throws with stderr when the command fails; returns stdout. */
  run(argv: readonly string[], input?: string): Promise<string>;
};

export function execArgv(argv: readonly string[], input?: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = argv;
    if (!cmd) return reject(new Error("empty argv"));
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    // A command that never reads stdin may exit before we finish writing: not an error.
    child.stdin.on("error", () => undefined);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

async function must(argv: readonly string[], input?: string): Promise<string> {
  const r = await execArgv(argv, input);
  if (r.code !== 0) throw new Error(`${argv.join(" ")} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

export async function createNetns(prefix = "bdrt"): Promise<Netns> {
  const name = `${prefix}-${randomBytes(5).toString("hex")}`;
  await must(["ip", "netns", "add", name]);
  const wrap = (argv: readonly string[]) => ["nsenter", `--net=/run/netns/${name}`, ...argv];
  return {
    name,
    exec: (argv, input) => execArgv(wrap(argv), input),
    run: (argv, input) => must(wrap(argv), input),
  };
}

/** Deletes the namespace; never throws, so it is safe in afterAll after a failed setup. */
export async function deleteNetns(ns: Netns | undefined): Promise<void> {
  if (!ns) return;
  await execArgv(["ip", "netns", "delete", ns.name]).catch(() => undefined);
}

export async function listNetns(): Promise<string[]> {
  const out = await must(["ip", "netns", "list"]);
  return out.split("\n").map((l) => l.split(" ")[0]!).filter(Boolean);
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

export async function linkNames(ns: Netns): Promise<string[]> {
  const out = await must(["ip", "-n", ns.name, "-o", "link", "show"]);
  return out.split("\n").flatMap((l) => /^\d+: ([^:@]+)/.exec(l)?.slice(1, 2) ?? []);
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
  return spawn("nsenter", [`--net=/run/netns/${ns.name}`, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
}

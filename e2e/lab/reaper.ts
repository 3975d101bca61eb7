import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from "node:fs";
import { netnsDelBatch } from "./ip-batches";
import { PREFIX_PATTERN } from "./lab-plan";

/**
 * Removes everything one lab run made, synchronously, so it also works from a
 * process 'exit' handler. Order matters: processes first (an sshd or holder
 * keeps a namespace alive after `ip netns del`), then the root-side veth
 * (deleting it now, not when the kernel gets round to the HQ namespace, frees
 * the slot's root addresses for the next run), then the namespaces, then files.
 */
export function reapRun(prefix: string, runDir?: string): { namespaces: number; processes: number } {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`refusing to reap ${JSON.stringify(prefix)}: not a lab run prefix`);
  const namespaces = runNamespaces(prefix);
  const processes = killProcessesIn(namespaces);
  const rootLink = `${prefix}-hq`;
  if (existsSync(`/sys/class/net/${rootLink}`)) spawnSync("ip", ["link", "del", rootLink], { stdio: "ignore" });
  if (namespaces.length) {
    // -force: keep going past a namespace that vanished meanwhile.
    spawnSync("ip", ["-force", "-batch", "-"], {
      input: netnsDelBatch(namespaces).join("\n") + "\n",
      stdio: ["pipe", "ignore", "ignore"],
    });
  }
  if (runDir) rmSync(runDir, { recursive: true, force: true });
  return { namespaces: namespaces.length, processes };
}

export function runNamespaces(prefix: string): string[] {
  if (!existsSync("/run/netns")) return [];
  return readdirSync("/run/netns").filter((n) => n === `${prefix}-hq` || n.startsWith(`${prefix}-b`));
}

/** Prefixes of every lab run that has namespaces or a root link on this machine. */
export function prefixesOnMachine(): Set<string> {
  const found = new Set<string>();
  const names = [
    ...(existsSync("/run/netns") ? readdirSync("/run/netns") : []),
    ...(existsSync("/sys/class/net") ? readdirSync("/sys/class/net") : []),
  ];
  for (const n of names) {
    const p = n.split("-")[0]!;
    if (PREFIX_PATTERN.test(p) && n.length > p.length) found.add(p);
  }
  return found;
}

/** Pids of every process whose network namespace is one of `namespaces`. */
export function processesIn(namespaces: readonly string[]): number[] {
  const inodes = new Set<string>();
  for (const ns of namespaces) {
    try {
      inodes.add(`net:[${statSync(`/run/netns/${ns}`).ino}]`);
    } catch {
      /* already gone */
    }
  }
  if (inodes.size === 0) return [];
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (inodes.has(readlinkSync(`/proc/${entry}/ns/net`))) pids.push(Number(entry));
    } catch {
      /* exited */
    }
  }
  return pids;
}

/** SIGKILLs every process in `namespaces` and waits (up to 2 s) until they are gone; returns how many. */
function killProcessesIn(namespaces: readonly string[]): number {
  const killed = processesIn(namespaces).filter((pid) => {
    try {
      process.kill(pid, "SIGKILL");
      return true;
    } catch {
      return false;
    }
  });
  // SIGKILL is delivered asynchronously; wait briefly so that "down" means gone.
  const tick = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 200 && killed.some(isRunning); i++) Atomics.wait(tick, 0, 0, 10);
  return killed.length;
}

/** Proportional set size (KiB) of the given processes: their fair share of shared pages. */
export function pssKiB(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      total += Number(m?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return total;
}

/** True while a process exists and is not a zombie (a zombie holds no namespace). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

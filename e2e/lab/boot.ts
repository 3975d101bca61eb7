import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { netnsPath } from "@/lib/testing/netns";
import { run } from "@/lib/testing/proc";
import { holderPidPath, sshdPidPath } from "./sshd";

const BOOT_SCRIPT = path.join(__dirname, "boot.sh");

/**
 * Links, addresses and sysctls of namespaces without sshd (switches, HQ,
 * guests), several per process: a spawn from a large Node process costs far
 * more CPU than one from a small shell, and guests are half the namespaces.
 */
export async function bootNets(nets: readonly { netns: string; dir: string }[]): Promise<void> {
  if (nets.length === 0) return;
  await run(["sh", BOOT_SCRIPT, "nets", ...nets.flatMap((n) => [n.netns, n.dir])], { timeoutMs: 120_000 });
}

/**
 * Boots a gateway or host: boot.sh configures it, starts sshd and then execs
 * `sleep`, so the process we spawned (nsenter and unshare exec, never fork)
 * is the box's namespace holder for its whole life. Resolves once sshd has
 * written its pid file, which it does after listen().
 */
export async function bootBox(netns: string, dir: string, hostname: string, timeoutMs = 30_000): Promise<number> {
  const logFile = path.join(dir, "boot.log");
  const log = openSync(logFile, "w");
  const argv = [`--net=${netnsPath(netns)}`, "unshare", "--mount", "--uts", "sh", BOOT_SCRIPT, "box", dir, hostname];
  // detached: a Ctrl-C at the terminal that ran `lab up` must not kill the lab it left running.
  const child = spawn("nsenter", argv, { stdio: ["ignore", log, log], detached: true });
  closeSync(log);
  const pidFile = sshdPidPath(dir);
  await new Promise<void>((resolve, reject) => {
    const fail = (why: string) => {
      clearInterval(poll);
      clearTimeout(timer);
      let detail = "";
      try {
        detail = readFileSync(logFile, "utf8").trim();
      } catch {
        /* no log */
      }
      reject(new Error(`booting ${hostname} (${netns}) ${why}${detail ? `: ${detail}` : ""}`));
    };
    const onExit = (code: number | null, signal: string | null) => fail(`failed: boot.sh exited ${code ?? signal}`);
    child.once("exit", onExit);
    child.once("error", (e) => fail(`failed: ${e.message}`));
    const poll = setInterval(() => {
      let ready = false;
      try {
        ready = statSync(pidFile).size > 0;
      } catch {
        /* not yet */
      }
      if (!ready) return;
      clearInterval(poll);
      clearTimeout(timer);
      child.off("exit", onExit);
      resolve();
    }, 10);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(`timed out after ${timeoutMs} ms`);
    }, timeoutMs);
  });
  child.unref();
  await writeFile(holderPidPath(dir), `${child.pid}\n`);
  return child.pid!;
}

/**
 * The one sshd starter of the tests: the loopback sshd of integration tests
 * (lib/testing/sshd.ts, our child, log on stderr) and a lab box's sshd when
 * it is restarted (e2e/lab/sshd.ts, a daemon in the box's namespaces). Both
 * run the config from lib/testing/sshd-config.ts. A lab box's first sshd is
 * started by its boot script (e2e/lab/boot.sh) from that same config.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

export type SshdLaunch = {
  configPath: string;
  /** The config's PidFile: sshd writes it after listen(), so a live pid in it means ready. */
  pidFile: string;
  /** argv prefix that puts sshd where it runs (nsenter into a lab box, unshare for an empty /root). */
  enter?: readonly string[];
  /** Stay our child (-D -e, log on stderr) instead of daemonising (a lab box's sshd outlives us). */
  foreground?: boolean;
  timeoutMs?: number;
};

function livePid(pidFile: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, "utf8").trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * The one way tests start sshd. Both forms wait for the PidFile, which sshd
 * writes after it binds (also with -D), so "started" always means "listening".
 * A foreground sshd's stderr is the caller's (`child.stderr`).
 */
export async function startSshd(launch: SshdLaunch): Promise<{ pid: number; child: ChildProcess; log(): string }> {
  rmSync(launch.pidFile, { force: true });
  const mode = launch.foreground ? ["-D", "-e"] : [];
  const argv = [...(launch.enter ?? []), "/usr/sbin/sshd", ...mode, "-f", launch.configPath];
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
  const stderr: string[] = [];
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = `exited ${code ?? signal}`));
  child.once("error", (e) => (exited = e.message));
  const deadline = Date.now() + (launch.timeoutMs ?? 10_000);
  for (;;) {
    const pid = livePid(launch.pidFile);
    // A daemonising sshd is ready when its launcher has exited 0 and the pid file names the daemon.
    if (pid !== undefined && (launch.foreground || exited === "exited 0")) {
      return { pid, child, log: () => stderr.join("") };
    }
    const failed = exited !== undefined && (launch.foreground || exited !== "exited 0");
    if (failed || Date.now() > deadline) {
      child.kill("SIGKILL");
      const why = failed ? exited : `did not write ${launch.pidFile} within ${launch.timeoutMs ?? 10_000} ms`;
      throw new Error(`sshd -f ${launch.configPath} ${why}:\n${stderr.join("").trim()}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

import type { Client } from "ssh2";

/**
 * Killing a remote command on timeout. The SSH "signal" request cannot do it:
 * ssh2 drops it once we have sent EOF (always, right after stdin), OpenSSH
 * ignores it before 7.8 (CentOS 7 ships 7.4), and even 9.x refuses it for root
 * logins ("session signalling requires privilege separation"). Closing the
 * channel does not kill a command without a pty either. So every command
 * first reports its process id on stderr: sshd starts each session with
 * setsid(), so that id is the session's process group, and a second channel
 * can `kill` the whole group (the command and everything it started).
 */
const MARKER = "branchdesk-pid:";
const MARKER_LINE = /^branchdesk-pid:(\d{1,10})\n/;

/** The command line sshd gives the login shell: report $$, then exec the real command in its place. */
export function withPidReport(commandLine: string): string {
  // Constant shell text only; commandLine was built by shell-quote.
  return `echo ${MARKER}$$ >&2; exec ${commandLine}`;
}

/** Splits the pid report off the front of stderr. */
export function takePidReport(stderr: Buffer): { pid: number | null; rest: Buffer } {
  const head = stderr.subarray(0, 32).toString("latin1");
  const m = MARKER_LINE.exec(head);
  if (!m) return { pid: null, rest: stderr };
  return { pid: Number(m[1]), rest: stderr.subarray(m[0].length) };
}

/** SIGKILL to the remote process group; true when `kill` reported success within waitMs. */
export function killRemoteGroup(client: Client, pid: number, waitMs = 3_000): Promise<boolean> {
  if (!Number.isInteger(pid) || pid < 2) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    const done = (killed: boolean) => {
      clearTimeout(timer);
      resolve(killed);
    };
    try {
      client.exec(`kill -s KILL -- -${pid}`, (e, ch) => {
        if (e) return done(false);
        let code: number | null = null;
        ch.on("exit", (c: number | null) => {
          code = c;
        });
        ch.on("close", () => done(code === 0));
        ch.resume(); // discard output so the channel can close
        ch.stderr.resume();
        ch.end();
      });
    } catch {
      done(false); // connection already gone
    }
  });
}

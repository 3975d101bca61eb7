import type { ClientChannel } from "ssh2";
import { err, ok, type Result } from "@/lib/domain/result";
import { sessionClient, type SshSession } from "./connect-ssh";
import type { SshFailure } from "./ssh-failure";
import { describeTarget } from "./ssh-target";

export type PtySize = { cols: number; rows: number };

/** Why an interactive shell ended: its own exit, or the connection under it. */
export type PtyShellEnd =
  { kind: "exit"; exitCode: number | null; signal: string | null } | { kind: "lost"; failure: SshFailure };

/**
 * An interactive login shell on a pseudo-terminal, as `ssh -tt` gives: the
 * terminal type is xterm-256color, output is raw bytes (UTF-8 as the box
 * wrote it), and a resize is SSH's window-change request.
 */
export type PtyShell = {
  write(data: string | Buffer): void;
  resize(size: PtySize): void;
  /** Ends the shell (closes the channel). onEnd still fires, once. */
  close(): void;
  onData(listener: (chunk: Buffer) => void): void;
  onEnd(listener: (end: PtyShellEnd) => void): void;
  /** Output paused until the consumer catches up (a slow browser); resume() lets it flow again. */
  pause(): void;
  resume(): void;
};

export function openPtyShell(
  session: SshSession,
  size: PtySize,
  options: { timeoutMs: number },
): Promise<Result<PtyShell, SshFailure>> {
  const where = describeTarget(session.target);
  if (session.lost) return Promise.resolve(err(session.lost));
  const client = sessionClient(session);
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      resolve(
        err({
          kind: "timeout",
          where,
          timeoutMs: options.timeoutMs,
          message: `${where} did not start a shell within ${options.timeoutMs} ms`,
        }),
      );
    }, options.timeoutMs);
    client.shell({ term: "xterm-256color", cols: size.cols, rows: size.rows }, (e, channel) => {
      clearTimeout(timer);
      if (settled) {
        channel?.close();
        return;
      }
      settled = true;
      if (e) {
        resolve(err({ kind: "protocol", where, message: `${where} refused a shell: ${e.message}` }));
        return;
      }
      resolve(ok(wrap(session, channel)));
    });
  });
}

function wrap(session: SshSession, channel: ClientChannel): PtyShell {
  const dataListeners: ((chunk: Buffer) => void)[] = [];
  const endListeners: ((end: PtyShellEnd) => void)[] = [];
  let exit: { exitCode: number | null; signal: string | null } | null = null;
  let ended: PtyShellEnd | null = null;
  const finish = () => {
    if (ended) return;
    // A channel that closed without an exit status went down with its connection.
    ended =
      exit !== null
        ? { kind: "exit", ...exit }
        : {
            kind: "lost",
            failure: session.lost ?? {
              kind: "protocol",
              where: describeTarget(session.target),
              message: `the shell on ${describeTarget(session.target)} closed without an exit status`,
            },
          };
    for (const l of endListeners) l(ended);
  };
  // Output waits in the channel (paused) until the first listener: nothing printed before it is lost.
  const flow = () => {
    channel.on("data", (chunk: Buffer) => {
      for (const l of dataListeners) l(chunk);
    });
    // With a pty the box's stderr arrives on the same stream; this is for the rare server that splits it.
    channel.stderr.on("data", (chunk: Buffer) => {
      for (const l of dataListeners) l(chunk);
    });
  };
  channel.on("exit", (code: number | null, signal?: string) => {
    exit = { exitCode: typeof code === "number" ? code : null, signal: signal ?? null };
  });
  channel.on("close", finish);
  sessionClient(session).once("close", finish);
  return {
    write: (data) => {
      if (!ended) channel.write(data);
    },
    resize: ({ cols, rows }) => {
      if (!ended) channel.setWindow(rows, cols, 0, 0);
    },
    close: () => {
      channel.close();
    },
    onData: (l) => {
      dataListeners.push(l);
      if (dataListeners.length === 1) flow();
    },
    onEnd: (l) => {
      if (ended) l(ended);
      else endListeners.push(l);
    },
    pause: () => channel.pause(),
    resume: () => channel.resume(),
  };
}

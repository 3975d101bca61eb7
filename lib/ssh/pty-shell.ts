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
 *
 * Output is pulled, never pushed: it waits in the SSH channel until the
 * consumer reads it, and while it waits the channel's window is not re-opened,
 * so the box's sshd stops sending (SSH flow control; keepalives still flow).
 * A consumer therefore decides how much it takes and when: a slow browser or
 * disk simply reads later, and nothing is dropped.
 */
export type PtyShell = {
  write(data: string | Buffer): void;
  resize(size: PtySize): void;
  /** Ends the shell (closes the channel). onEnd still fires, once. */
  close(): void;
  /** Output bytes waiting to be read. */
  readonly pending: number;
  /** Takes up to `max` bytes of output (in the order the box wrote them), or null when none is waiting. */
  read(max: number): Buffer | null;
  /**
   * Called when output arrives while none was waiting: read until `pending` is 0, then wait for this.
   * Output may already be waiting when the listener is added: check `pending` then.
   */
  onReadable(listener: () => void): void;
  /** The shell exited (after its last output was read), or its connection went down. Fires once. */
  onEnd(listener: (end: PtyShellEnd) => void): void;
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
  const readableListeners: (() => void)[] = [];
  const endListeners: ((end: PtyShellEnd) => void)[] = [];
  let exit: { exitCode: number | null; signal: string | null } | null = null;
  let ended: PtyShellEnd | null = null;
  // With a pty the box's stderr arrives on the same stream; this is for the rare server that splits it.
  // It is small and unpaced: kept here and read before the channel's own output.
  const stderr: Buffer[] = [];
  let stderrBytes = 0;
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
  const notify = () => {
    for (const l of readableListeners) l();
  };
  // An ended, empty channel only emits "end" once read: do that here (no listener has anything to read).
  const readable = () => (channel.readableLength === 0 ? channel.read(0) : notify());
  // Paused mode: the channel keeps what the box sent until read() takes it. Its "close" comes only
  // after its "end", which comes only after the last byte was read: the end never overtakes output.
  channel.on("readable", readable);
  channel.stderr.on("data", (chunk: Buffer) => {
    stderr.push(chunk);
    stderrBytes += chunk.length;
    if (stderrBytes === chunk.length) notify();
  });
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
    get pending() {
      return stderrBytes + channel.readableLength;
    },
    read(max) {
      if (stderrBytes > 0) {
        let chunk = stderr.shift()!;
        if (chunk.length > max) {
          stderr.unshift(chunk.subarray(max));
          chunk = chunk.subarray(0, max);
        }
        stderrBytes -= chunk.length;
        return chunk;
      }
      const n = Math.min(max, channel.readableLength);
      const chunk = n > 0 ? (channel.read(n) as Buffer | null) : null;
      // read(0) on an empty buffer lets an ended stream emit "end" (reading exactly what is left does not),
      // and lets ssh2 re-open the window.
      if (channel.readableLength === 0) channel.read(0);
      return chunk;
    },
    onReadable: (l) => {
      readableListeners.push(l);
    },
    onEnd: (l) => {
      if (ended) l(ended);
      else endListeners.push(l);
    },
  };
}

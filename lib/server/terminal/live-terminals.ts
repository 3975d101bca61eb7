import type { TerminalEndReason, TerminalServerMessage } from "@/lib/domain/terminal/terminal-protocol";

/** A consumer's say over a session's output: hold it back while behind, release once caught up. */
export type OutputFlow = { hold(): void; release(): void };

/** Where a session's output and messages go: a WebSocket, the CLI's own terminal, a watcher. */
export type TerminalSink = {
  output(chunk: Buffer): void;
  control(message: TerminalServerMessage): void;
  /** The session is over (after `ended` or `refused`): let go of the transport. */
  close(): void;
  /**
   * Given before any output: this sink's own hold on the session's output, for a transport that
   * buffers (a WebSocket). Held output waits on the box's side; nothing is dropped.
   */
  flow?(flow: OutputFlow): void;
};

/** What the rest of the process may do with a running session. */
export type LiveTerminal = {
  readonly id: string;
  readonly username: string;
  readonly userId: number | null;
  /** The dashboard session (hashed cookie) it was opened from; null for the CLI. */
  readonly authSessionId: string | null;
  readonly cols: number;
  readonly rows: number;
  /** Whether a consumer that fell behind (browser, disk, watcher) holds the output back at the box now. */
  readonly outputHeld: boolean;
  input(data: string): void;
  resize(cols: number, rows: number): void;
  end(reason: TerminalEndReason, message: string): Promise<void>;
  /** Read-only: sees the recent output, then everything printed from now on, and the end. */
  watch(sink: TerminalSink): () => void;
};

/**
 * The sessions this process holds, on globalThis: the socket server (scripts/serve.ts)
 * and route handlers bundled by Next.js load separate copies of this module.
 */
const KEY = Symbol.for("branchdesk.terminal.live");
type WithLive = typeof globalThis & { [KEY]?: Map<string, LiveTerminal> };

export function liveTerminals(): Map<string, LiveTerminal> {
  const g = globalThis as WithLive;
  return (g[KEY] ??= new Map());
}

/** Ends every session this process holds (shutdown), waiting for their records to be written. */
export async function endAllTerminals(reason: TerminalEndReason, message: string): Promise<void> {
  await Promise.allSettled([...liveTerminals().values()].map((t) => t.end(reason, message)));
}

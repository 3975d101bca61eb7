/** Something with output to move: one terminal. `pump(max)` moves up to `max` bytes and says how many it moved. */
export type OutputSource = { pump(max: number): number };

export type OutputSchedulerOptions = {
  /** Bytes moved per turn of the event loop, over all terminals: what bounds the loop's delay. */
  turnBytes: number;
  /** Bytes one terminal may move per turn: a flood gets its share, then waits for the others. */
  quantumBytes: number;
  /** Runs the next turn after the loop has looked at I/O (setImmediate; tests pass their own). */
  defer: (turn: () => void) => void;
};

/**
 * Moves terminal output in small, fair turns. A terminal with output waiting
 * is woken; each turn (once per event-loop iteration, after I/O) serves the
 * woken terminals round-robin, at most `quantumBytes` each and `turnBytes` in
 * all, and a terminal that still has output goes to the back of the queue.
 * So 50 floods cost the loop a bounded slice per iteration (HTTP requests and
 * keystrokes get the rest), one flood cannot starve the others, and output
 * that is not moved stays in its SSH channel, whose window then stays shut.
 */
export class OutputScheduler {
  private readonly queue = new Set<OutputSource>();
  private scheduled = false;

  constructor(private readonly options: OutputSchedulerOptions) {}

  /** The source has output and may move it: it is served in a coming turn. */
  wake(source: OutputSource): void {
    this.queue.add(source);
    if (!this.scheduled) {
      this.scheduled = true;
      this.options.defer(() => this.turn());
    }
  }

  /** The source is held (its consumer is behind) or gone: not served until woken again. */
  sleep(source: OutputSource): void {
    this.queue.delete(source);
  }

  /** Whether the source waits for a turn. */
  has(source: OutputSource): boolean {
    return this.queue.has(source);
  }

  private turn(): void {
    this.scheduled = false;
    let budget = this.options.turnBytes;
    // Everyone queued now is served once at most; whoever still has output re-queues at the back.
    for (const source of [...this.queue]) {
      if (budget <= 0) break;
      this.queue.delete(source);
      budget -= source.pump(Math.min(this.options.quantumBytes, budget));
    }
    if (this.queue.size > 0 && !this.scheduled) {
      this.scheduled = true;
      this.options.defer(() => this.turn());
    }
  }
}

/** Per turn: about 5 ms of work for the whole path (SSH, recording, WebSocket) on a slow core. */
const TURN_BYTES = 512 * 1024;
const QUANTUM_BYTES = 64 * 1024;

const KEY = Symbol.for("branchdesk.terminal.output-scheduler");
type WithScheduler = typeof globalThis & { [KEY]?: OutputScheduler };

/** The process's scheduler: all of its terminals share one event loop, so they share one budget. */
export function outputScheduler(): OutputScheduler {
  const g = globalThis as WithScheduler;
  return (g[KEY] ??= new OutputScheduler({ turnBytes: TURN_BYTES, quantumBytes: QUANTUM_BYTES, defer: setImmediate }));
}

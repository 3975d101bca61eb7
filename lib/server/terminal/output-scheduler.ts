import { performance as nodePerformance } from "node:perf_hooks";

/** Something with output to move: one terminal. `pump(max)` moves up to `max` bytes and says how many it moved. */
export type OutputSource = { pump(max: number): number };

export type OutputSchedulerOptions = {
  /** Bytes moved per turn of the event loop, over all terminals: what bounds the loop's delay. */
  turnBytes: number;
  /** Bytes one terminal may move per turn: a flood gets its share, then waits for the others. */
  quantumBytes: number;
  /**
   * The share of the event loop's time (0..1] it may be kept busy while terminal output waits:
   * past it the next turn waits, so HTTP requests, keystrokes and timers always find the loop free.
   */
  loopShare: number;
  /** The longest a turn waits for the loop to cool down (output never stalls longer). */
  maxPauseMs: number;
  /** The loop's busy and idle time so far in ms (performance.eventLoopUtilization; tests pass their own). */
  loopTime: () => { active: number; idle: number };
  /** Runs the next turn after the loop has looked at I/O, `delayMs` later (setImmediate / setTimeout). */
  defer: (turn: () => void, delayMs: number) => void;
};

/**
 * Moves terminal output in small, fair turns. A terminal with output waiting
 * is woken; each turn (once per event-loop iteration, after I/O) serves the
 * woken terminals round-robin, at most `quantumBytes` each and `turnBytes` in
 * all, and a terminal that still has output goes to the back of the queue.
 * So 50 floods cost the loop a bounded slice per iteration (HTTP requests and
 * keystrokes get the rest), one flood cannot starve the others, and output
 * that is not moved stays in its SSH channel, whose window then stays shut.
 * Paced: while output keeps coming, the loop is kept busy for at most
 * `loopShare` of the time, counting everything it did since the last turn
 * (decrypting the SSH traffic a turn let in, HTTP requests) — on a loaded
 * machine, where a busy process is also preempted longer, that is less output
 * per second, and the same headroom for everything else.
 */
export class OutputScheduler {
  private readonly queue = new Set<OutputSource>();
  private scheduled = false;
  private turning = false;
  /** The loop's time when the current turn was scheduled: what it did since counts against the next. */
  private mark: { active: number; idle: number } | null = null;
  /** Idle time the loop owes for the busy time it had beyond its share (ms), paid by waiting. */
  private debt = 0;

  constructor(private readonly options: OutputSchedulerOptions) {}

  /** The source has output and may move it: it is served in a coming turn. */
  wake(source: OutputSource): void {
    this.queue.add(source);
    if (!this.scheduled && !this.turning) this.schedule(0);
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
    this.turning = true;
    let budget = this.options.turnBytes;
    // Everyone queued now is served once at most; whoever still has output re-queues at the back.
    for (const source of [...this.queue]) {
      if (budget <= 0) break;
      this.queue.delete(source);
      try {
        budget -= source.pump(Math.min(this.options.quantumBytes, budget));
      } catch (e) {
        // One terminal's failure must not stop the others' output (nor the process).
        this.queue.delete(source);
        console.error("[branchdesk] terminal output failed:", e);
      }
    }
    this.turning = false;
    if (this.queue.size > 0) this.schedule(this.pauseMs());
  }

  private schedule(delayMs: number): void {
    this.scheduled = true;
    this.mark = this.options.loopTime();
    this.options.defer(() => this.turn(), delayMs);
  }

  /**
   * How long to wait so that the loop is busy for at most its share of the time: each busy ms since
   * the last turn was scheduled adds (1 / share - 1) ms of idle time owed, each idle ms pays one back.
   */
  private pauseMs(): number {
    const { loopShare, maxPauseMs, loopTime } = this.options;
    if (!this.mark || loopShare >= 1) return 0;
    const now = loopTime();
    const active = now.active - this.mark.active;
    const idle = now.idle - this.mark.idle;
    this.debt = Math.min(maxPauseMs, Math.max(0, this.debt + active * (1 / loopShare - 1) - idle));
    return Math.round(this.debt);
  }
}

/** Per turn: about 5 ms of work for the whole path (SSH, recording, WebSocket) on a slow core. */
const TURN_BYTES = 512 * 1024;
const QUANTUM_BYTES = 64 * 1024;
const LOOP_SHARE = 0.5;
const MAX_PAUSE_MS = 500;

function loopTime(): { active: number; idle: number } {
  const { active, idle } = nodePerformance.eventLoopUtilization();
  return { active, idle };
}

function defer(turn: () => void, delayMs: number): void {
  if (delayMs > 0) setTimeout(turn, delayMs);
  else setImmediate(turn);
}

const KEY = Symbol.for("branchdesk.terminal.output-scheduler");
type WithScheduler = typeof globalThis & { [KEY]?: OutputScheduler };

/** The process's scheduler: all of its terminals share one event loop, so they share one budget. */
export function outputScheduler(): OutputScheduler {
  const g = globalThis as WithScheduler;
  return (g[KEY] ??= new OutputScheduler({
    turnBytes: TURN_BYTES,
    quantumBytes: QUANTUM_BYTES,
    loopShare: LOOP_SHARE,
    maxPauseMs: MAX_PAUSE_MS,
    loopTime,
    defer,
  }));
}

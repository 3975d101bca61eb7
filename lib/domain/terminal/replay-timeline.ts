import { parseResize, type AsciicastEvent } from "./asciicast-reader";

/**
 * Replaying a recording into a terminal, without the terminal: which output
 * to write, and when to reset, to show the screen as it was at time t.
 * A terminal's screen is the sum of everything written to it, so seeking
 * backwards is "reset, then write every output event up to t"; forwards is
 * "write the events since the last position". The browser's player only
 * turns these steps into xterm calls on a timer.
 */

export const REPLAY_SPEEDS = [0.5, 1, 2, 4] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** One thing to do to the terminal: write output, or change its size. */
export type ReplayOp = { kind: "write"; data: string } | { kind: "resize"; cols: number; rows: number };

/** What the player does to its terminal for one move of the playhead, in order. */
export type ReplayStep = {
  /** Clear the terminal first (its size is then the recording's: the first op says so). */
  reset: boolean;
  ops: ReplayOp[];
};

/** Only what replay uses: output and resize events, in time order. */
export type ReplayEvent = { t: number; kind: "o" | "r"; data: string };

export function replayEvents(events: readonly AsciicastEvent[]): ReplayEvent[] {
  return events
    .filter(([, code, data]) => code === "o" || (code === "r" && parseResize(data) !== null))
    .map(([t, code, data]) => ({ t, kind: code as "o" | "r", data }));
}

export class ReplayTimeline {
  readonly events: readonly ReplayEvent[];
  readonly duration: number;
  private readonly size: { cols: number; rows: number };
  /** How many events are on the screen now. */
  private cursor = 0;
  private position = 0;

  constructor(events: readonly AsciicastEvent[], size: { cols: number; rows: number }, duration?: number) {
    this.events = replayEvents(events);
    this.size = size;
    this.duration = Math.max(duration ?? 0, this.events.at(-1)?.t ?? 0);
  }

  /** Seconds into the recording the screen shows. */
  get time(): number {
    return this.position;
  }

  /** How many events happen at or before t (binary search: recordings run to 100k events). */
  indexAt(t: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid]!.t <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Moves the playhead to t (clamped to [0, duration]) and says what to do to the terminal. */
  seek(t: number): ReplayStep {
    const to = Math.min(Math.max(t, 0), this.duration);
    const target = this.indexAt(to);
    const reset = target < this.cursor || (to === 0 && this.position > 0);
    const from = reset ? 0 : this.cursor;
    const step = this.collect(from, target, reset);
    this.cursor = target;
    this.position = to;
    return step;
  }

  /** Plays on: the playhead moves by `elapsedSeconds` of wall time at `speed`. */
  advance(elapsedSeconds: number, speed: ReplaySpeed): ReplayStep {
    return this.seek(this.position + elapsedSeconds * speed);
  }

  /** At the end: nothing more to play. */
  get finished(): boolean {
    return this.position >= this.duration;
  }

  /** The size the terminal has at the start (the header's). */
  get initialSize(): { cols: number; rows: number } {
    return { ...this.size };
  }

  private collect(from: number, to: number, reset: boolean): ReplayStep {
    const ops: ReplayOp[] = reset ? [{ kind: "resize", ...this.size }] : [];
    for (let i = from; i < to; i++) {
      const e = this.events[i]!;
      const last = ops.at(-1);
      if (e.kind === "o") {
        // Consecutive output is one write: xterm parses one long string faster than many short ones.
        if (last?.kind === "write") last.data += e.data;
        else ops.push({ kind: "write", data: e.data });
      } else {
        // What came before a resize was drawn at the old size: it is written before the resize.
        const size = parseResize(e.data)!;
        ops.push({ kind: "resize", ...size });
      }
    }
    return { reset, ops };
  }
}

import { createWriteStream, mkdirSync, readdirSync, statSync, type WriteStream } from "node:fs";
import path from "node:path";
import { castEventLine, castHeaderLine, type CastHeader } from "@/lib/domain/terminal/asciicast";
import { castOutputLine, completeUtf8Length } from "./cast-output-line";

/**
 * The bytes all recordings take on disk, shared by every session of this
 * process: read from the directory once, then counted as sessions write.
 * (Several dashboard instances each count their own writes on top of what
 * they found; the cap is a guard against a full disk, not an accounting.)
 */
type Budget = { dir: string; used: number };
const BUDGET_KEY = Symbol.for("branchdesk.terminal.recording-budget");
type WithBudget = typeof globalThis & { [BUDGET_KEY]?: Budget };

function budget(dir: string): Budget {
  const g = globalThis as WithBudget;
  if (g[BUDGET_KEY]?.dir === dir) return g[BUDGET_KEY];
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let used = 0;
  for (const name of readdirSync(dir)) {
    try {
      used += statSync(path.join(dir, name)).size;
    } catch {
      /* removed meanwhile */
    }
  }
  g[BUDGET_KEY] = { dir, used };
  return g[BUDGET_KEY];
}

export type RecorderCaps = { sessionCapBytes: number; totalCapBytes: number };

/** Output written within this window becomes one event: far fewer lines and writes under a flood. */
const COALESCE_MS = 20;
/** ...or this much of it, whichever comes first: each event is encoded in one short, bounded step. */
const EVENT_BYTES = 64 * 1024;
/** Lines queued for the disk beyond this hold the session's output back until the file catches up. */
const DISK_HIGH_WATER = 512 * 1024;

/** Why recording stopped: shown to the user at once and kept on the session row. */
export type RecordingStop = { cap: "session" | "total"; message: string };

/**
 * Records one terminal session as asciicast v2. Output is kept as bytes and
 * encoded once per event (64 KiB or 20 ms), O(1) per chunk; a multi-byte
 * character split between two SSH packets is written whole. When the disk
 * falls behind, the recorder holds the session's output back (setFlow) until
 * the file has drained: the recording is complete, never thinned out. Input
 * is recorded only when asked (typed passwords otherwise never reach the
 * disk). When a cap is reached the recorder writes a marker saying so, stops,
 * and `onStop` tells the session, which tells the user: a recording never
 * stops silently.
 */
export class CastRecorder {
  private readonly out: WriteStream;
  private readonly started = performance.now();
  private readonly budget: Budget;
  private written = 0;
  private stopped: RecordingStop | null = null;
  /** Output not yet in an event: chunks as they came, and the start of a character split off the last event. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private pendingAt = 0;
  private carry: Buffer | null = null;
  private flushTimer: NodeJS.Timeout | undefined;
  private flow: { hold(): void; release(): void } | null = null;
  private holding = false;

  constructor(
    readonly file: string,
    header: CastHeader,
    private readonly caps: RecorderCaps,
    private readonly onStop: (stop: RecordingStop) => void,
  ) {
    this.budget = budget(path.dirname(file));
    this.out = createWriteStream(file, { flags: "wx", mode: 0o600, highWaterMark: DISK_HIGH_WATER });
    this.out.on("error", (e) => {
      this.stop("session", `the recording could not be written (${e.message})`);
      this.letGo();
    });
    this.out.on("drain", () => this.letGo());
    this.write(castHeaderLine(header), true);
  }

  get bytes(): number {
    return this.written;
  }

  get stoppedBy(): RecordingStop | null {
    return this.stopped;
  }

  /** Who to hold back while the disk is behind (the session's output), and let go on drain. */
  setFlow(flow: { hold(): void; release(): void }): void {
    this.flow = flow;
  }

  output(chunk: Buffer): void {
    if (this.stopped || chunk.length === 0) return;
    if (this.pendingBytes === 0) {
      this.pendingAt = this.seconds();
      this.flushTimer = setTimeout(() => this.flushOutput(), COALESCE_MS);
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= EVENT_BYTES) this.flushOutput();
  }

  input(text: string): void {
    this.flushOutput();
    if (!this.stopped) this.event("i", text);
  }

  resize(cols: number, rows: number): void {
    this.flushOutput();
    if (!this.stopped) this.event("r", `${cols}x${rows}`);
  }

  close(): Promise<void> {
    this.flushOutput(true);
    return new Promise((resolve) => {
      if (this.out.closed || this.out.destroyed) resolve();
      else this.out.end(() => resolve());
    });
  }

  /** Writes the pending output as one event; `all` also writes a split character's start (the end). */
  private flushOutput(all = false): void {
    clearTimeout(this.flushTimer);
    if (this.pendingBytes === 0 && !(all && this.carry)) return;
    const parts = this.carry ? [this.carry, ...this.pending] : this.pending;
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    this.pending = [];
    this.pendingBytes = 0;
    const whole = all ? bytes.length : completeUtf8Length(bytes);
    // A copy: the few bytes kept must not pin the whole chunk they came in.
    this.carry = whole < bytes.length ? Buffer.from(bytes.subarray(whole)) : null;
    if (whole > 0 && !this.stopped) this.write(castOutputLine(this.pendingAt, bytes.subarray(0, whole)), false);
  }

  private event(code: "o" | "i" | "r", text: string): void {
    this.write(castEventLine(this.seconds(), code, text), false);
  }

  private seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  private write(line: string | Buffer, always: boolean): void {
    const size = typeof line === "string" ? Buffer.byteLength(line) : line.length;
    if (!always) {
      if (this.written + size > this.caps.sessionCapBytes) {
        this.stop("session", `recording stopped: this session reached its cap of ${kib(this.caps.sessionCapBytes)}`);
        return;
      }
      if (this.budget.used + size > this.caps.totalCapBytes) {
        this.stop(
          "total",
          `recording stopped: all recordings together reached their cap of ${kib(this.caps.totalCapBytes)}`,
        );
        return;
      }
    }
    this.written += size;
    this.budget.used += size;
    if (!this.out.write(line) && this.flow && !this.holding) {
      this.holding = true;
      this.flow.hold();
    }
  }

  /** The file caught up (or failed, and nothing more will be written): the session's output may flow. */
  private letGo(): void {
    if (!this.holding) return;
    this.holding = false;
    this.flow?.release();
  }

  private stop(cap: RecordingStop["cap"], message: string): void {
    if (this.stopped) return;
    this.stopped = { cap, message };
    // The marker is written past the cap on purpose: a replay must say why it ends early.
    const marker = castEventLine(this.seconds(), "m", message);
    this.written += Buffer.byteLength(marker);
    this.budget.used += Buffer.byteLength(marker);
    if (!this.out.destroyed) this.out.write(marker);
    this.onStop(this.stopped);
  }
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

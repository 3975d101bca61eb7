import { createWriteStream, mkdirSync, readdirSync, statSync, type WriteStream } from "node:fs";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { castEventLine, castHeaderLine, type CastHeader } from "@/lib/domain/terminal/asciicast";

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

/** Why recording stopped: shown to the user at once and kept on the session row. */
export type RecordingStop = { cap: "session" | "total"; message: string };

/**
 * Records one terminal session as asciicast v2. Output is decoded as UTF-8
 * across chunk boundaries (a multi-byte character split between two SSH
 * packets is written whole). Input is recorded only when asked (typed
 * passwords otherwise never reach the disk). When a cap is reached the
 * recorder writes a marker saying so, stops, and `onStop` tells the session,
 * which tells the user: a recording never stops silently.
 */
export class CastRecorder {
  private readonly out: WriteStream;
  private readonly decoder = new StringDecoder("utf8");
  private readonly started = performance.now();
  private readonly budget: Budget;
  private written = 0;
  private stopped: RecordingStop | null = null;
  private pendingOut = "";
  private pendingAt = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private flow: { hold(): void; release(): void } | null = null;

  constructor(
    readonly file: string,
    header: CastHeader,
    private readonly caps: RecorderCaps,
    private readonly onStop: (stop: RecordingStop) => void,
  ) {
    this.budget = budget(path.dirname(file));
    this.out = createWriteStream(file, { flags: "wx", mode: 0o600 });
    this.out.on("error", (e) => this.stop("session", `the recording could not be written (${e.message})`));
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
    if (this.stopped) return;
    const text = this.decoder.write(chunk);
    if (!text) return;
    if (this.pendingOut === "") {
      this.pendingAt = this.seconds();
      this.flushTimer = setTimeout(() => this.flushOutput(), COALESCE_MS);
    }
    this.pendingOut += text;
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
    if (!this.stopped) {
      this.pendingOut += this.decoder.end();
      this.flushOutput();
    }
    return new Promise((resolve) => {
      if (this.out.closed || this.out.destroyed) resolve();
      else this.out.end(() => resolve());
    });
  }

  private flushOutput(): void {
    clearTimeout(this.flushTimer);
    if (this.pendingOut === "") return;
    const text = this.pendingOut;
    this.pendingOut = "";
    if (!this.stopped) this.write(castEventLine(this.pendingAt, "o", text), false);
  }

  private event(code: "o" | "i" | "r", text: string): void {
    this.write(castEventLine(this.seconds(), code, text), false);
  }

  private seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  private write(line: string, always: boolean): void {
    const size = Buffer.byteLength(line);
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
    if (!this.out.write(line) && this.flow) {
      const flow = this.flow;
      flow.hold();
      this.out.once("drain", () => flow.release());
    }
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

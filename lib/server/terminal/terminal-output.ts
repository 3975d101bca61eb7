import type { PtyShell } from "@/lib/ssh/pty-shell";
import { outputScheduler, type OutputScheduler, type OutputSource } from "./output-scheduler";

/** Output up to this size is moved the moment it arrives (an echo, a prompt): never queued behind a flood. */
const SMALL_BYTES = 4 * 1024;

/**
 * One terminal's output on its way from the SSH channel to its consumers
 * (recording, browser, watchers). Bytes are read from the shell only when
 * every consumer can take them: a consumer that falls behind (a slow browser,
 * a busy disk) holds the output back and releases it when it has caught up;
 * meanwhile the bytes wait in the SSH channel and the box is told to stop
 * sending. Small output moves at once; bulk output moves in the process's
 * fair turns (output-scheduler.ts). Nothing is dropped and the order is kept.
 */
export class TerminalOutput implements OutputSource {
  private readonly holds = new Set<object>();
  private stopped = false;

  constructor(
    private readonly shell: PtyShell,
    private readonly deliver: (chunk: Buffer) => void,
    private readonly scheduler: OutputScheduler = outputScheduler(),
  ) {}

  /** Starts moving output (whatever already waits, then what arrives). */
  start(): void {
    this.shell.onReadable(() => this.readable());
    this.readable();
  }

  /** A consumer is behind: no more output until it releases (each consumer holds with its own key). */
  hold(key: object): void {
    this.holds.add(key);
    this.scheduler.sleep(this);
  }

  release(key: object): void {
    if (this.holds.delete(key) && this.holds.size === 0) this.readable();
  }

  get held(): boolean {
    return this.holds.size > 0;
  }

  /** The session is over: output still waiting is left in the channel, which closes. */
  stop(): void {
    this.stopped = true;
    this.scheduler.sleep(this);
  }

  pump(max: number): number {
    if (this.stopped || this.holds.size > 0) return 0;
    const chunk = this.shell.read(max);
    if (chunk) this.deliver(chunk);
    if (!this.stopped && this.holds.size === 0 && this.shell.pending > 0) this.scheduler.wake(this);
    return chunk?.length ?? 0;
  }

  private readable(): void {
    if (this.stopped || this.holds.size > 0 || this.scheduler.has(this)) return;
    const pending = this.shell.pending;
    if (pending === 0) return;
    if (pending <= SMALL_BYTES) this.pump(SMALL_BYTES);
    else this.scheduler.wake(this);
  }
}

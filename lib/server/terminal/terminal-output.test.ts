import { describe, expect, it } from "vitest";
import type { PtyShell } from "@/lib/ssh/pty-shell";
import { OutputScheduler } from "./output-scheduler";
import { TerminalOutput } from "./terminal-output";

/** A shell whose box "prints" when the test says, a scheduler whose turns run when it says. */
function setup() {
  let buffered = Buffer.alloc(0);
  const listeners: Array<() => void> = [];
  const shell = {
    get pending() {
      return buffered.length;
    },
    read(max: number) {
      if (buffered.length === 0) return null;
      const chunk = buffered.subarray(0, max);
      buffered = buffered.subarray(chunk.length);
      return chunk;
    },
    onReadable: (l: () => void) => listeners.push(l),
  } as unknown as PtyShell;
  const print = (text: string) => {
    const wasEmpty = buffered.length === 0;
    buffered = Buffer.concat([buffered, Buffer.from(text)]);
    if (wasEmpty) listeners.forEach((l) => l());
  };
  const turns: Array<() => void> = [];
  const scheduler = new OutputScheduler({
    turnBytes: 16 * 1024,
    quantumBytes: 8 * 1024,
    loopShare: 1,
    maxPauseMs: 100,
    loopTime: () => ({ active: 0, idle: 0 }),
    defer: (t) => turns.push(t),
  });
  const received: Buffer[] = [];
  const output = new TerminalOutput(shell, (c) => received.push(c), scheduler);
  const runTurns = () => {
    while (turns.length) turns.shift()!();
  };
  const text = () => Buffer.concat(received).toString();
  return { output, print, runTurns, turns, received, text, shell, scheduler };
}

describe("TerminalOutput: from the SSH channel to the consumers, held while any is behind", () => {
  it("small output (an echo) is delivered the moment it arrives, without waiting for a turn", () => {
    const { output, print, text, turns } = setup();
    print("$ ");
    output.start();
    expect(text()).toBe("$ ");
    print("l");
    expect(text()).toBe("$ l");
    expect(turns).toHaveLength(0);
  });

  it("a flood moves in the scheduler's turns, in quanta, complete and in order", () => {
    const { output, print, runTurns, received, text, turns } = setup();
    output.start();
    const flood = Array.from({ length: 5_000 }, (_, i) => `${i}\r\n`).join("");
    print(flood);
    expect(received).toHaveLength(0); // not inline: too big
    expect(turns).toHaveLength(1);
    runTurns();
    expect(text()).toBe(flood);
    expect(Math.max(...received.map((c) => c.length))).toBeLessThanOrEqual(8 * 1024);
  });

  it("any hold stops the output; it moves again when the last consumer lets go; nothing is lost", () => {
    const { output, print, runTurns, text, shell } = setup();
    output.start();
    const disk = {};
    const browser = {};
    output.hold(disk);
    output.hold(browser);
    print("while held\r\n".repeat(2_000));
    runTurns();
    expect(text()).toBe("");
    expect(output.held).toBe(true);
    output.release(disk);
    runTurns();
    expect(text()).toBe("");
    output.release(browser);
    runTurns();
    expect(text()).toBe("while held\r\n".repeat(2_000));
    expect(shell.pending).toBe(0);
  });

  it("a consumer that holds from inside a delivery stops the rest of the flood at once", () => {
    const { print, runTurns, received, shell, scheduler } = setup();
    const browser = {};
    let holdAfter = 2;
    const o = new TerminalOutput(
      shell,
      (c) => {
        received.push(c);
        if (--holdAfter === 0) o.hold(browser);
      },
      scheduler,
    );
    o.start();
    print("x".repeat(100_000));
    runTurns();
    expect(received).toHaveLength(2);
    o.release(browser);
    runTurns();
    expect(Buffer.concat(received).length).toBe(100_000);
  });

  it("after stop nothing more is read", () => {
    const { output, print, runTurns, text } = setup();
    output.start();
    output.stop();
    print("late");
    runTurns();
    expect(text()).toBe("");
  });
});

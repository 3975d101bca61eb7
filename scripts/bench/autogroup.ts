/**
 * The kernel's autogroup scheduling, switched off for the length of a benchmark that runs a lab.
 *
 * With `kernel.sched_autogroup_enabled=1` (Debian's default) the CPU is shared fairly between
 * *sessions*, not processes, and every SSH login starts a session (sshd calls setsid). A lab with
 * 50 terminals open therefore has 50+ scheduling groups beside the dashboard's one: the dashboard
 * gets about 1/50 of the CPU, whatever its niceness, and its event loop "stalls" for seconds while
 * it simply is not running (measured: 25 profiler samples a second instead of 1,000, for 25 s).
 * In production the boxes are other machines. With autogroup off, niceness means what it says
 * again and the dashboard's figures are the dashboard's. The setting is restored afterwards, also
 * when the benchmark fails or is interrupted.
 */
import { readFileSync, writeFileSync } from "node:fs";

const KNOB = "/proc/sys/kernel/sched_autogroup_enabled";

/** Switches autogroup scheduling off until `restore()`; `note` says what it did (for the summary). */
export function suspendAutogroup(): { note: string; restore(): void } {
  let before: string;
  try {
    before = readFileSync(KNOB, "utf8").trim();
  } catch {
    return { note: "no autogroup scheduling on this kernel", restore: () => {} };
  }
  if (before === "0") return { note: "autogroup scheduling off", restore: () => {} };
  const restore = () => {
    try {
      writeFileSync(KNOB, before);
    } catch {
      /* best effort: nothing else to do on the way out */
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.kill(process.pid, signal);
  };
  writeFileSync(KNOB, "0");
  process.once("exit", restore);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    note: "autogroup scheduling off for the run",
    restore: () => {
      restore();
      process.off("exit", restore);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

import { reapRun } from "./reaper";
import { releaseSlot, type SlotRecord } from "./slots";

type RunRef = Pick<SlotRecord, "prefix" | "runDir"> & Partial<SlotRecord>;

/* Runs this process owns and has not taken down yet. */
const liveRuns = new Map<string, RunRef>();
let installed = false;

/** Removes a run (synchronously: it must also work inside an 'exit' handler) and frees its slot. */
export function teardown(r: RunRef): void {
  reapRun(r.prefix, r.runDir);
  if (r.slot !== undefined) releaseSlot(r as SlotRecord);
  liveRuns.delete(r.prefix);
}

/** Lets a run outlive this process (a CLI `up` that succeeded). */
export function releaseGuard(prefix: string): void {
  liveRuns.delete(prefix);
}

/**
 * Ties a run to this process: on exit or a fatal signal it is removed. A
 * SIGKILLed process cannot clean up; the next `claimSlot` reaps its run
 * because the recorded pid is dead.
 */
export function guardRun(r: RunRef): void {
  liveRuns.set(r.prefix, r);
  if (installed) return;
  installed = true;
  process.on("exit", () => {
    for (const run of [...liveRuns.values()]) teardown(run);
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      for (const run of [...liveRuns.values()]) teardown(run);
      // Re-raise with the default action now that our listener is gone.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

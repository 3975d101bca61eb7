/**
 * A rollout as it runs, for a person: on a terminal one line redrawn in
 * place; otherwise (a pipe, a log) one plain line per target whose status
 * changed. Both are read from GET /rollouts/{id} polled (the API has no
 * stream), so watching a rollout is the same whoever started it.
 */
import type { RolloutDetailResponse, TargetView } from "../domain/rollouts/rollout-views";
import type { Backend } from "./backend";
import type { Output } from "./command";

const DONE = new Set(["succeeded", "unchanged", "failed", "skipped", "interrupted"]);

function targetLine(t: TargetView): string {
  return `  ${t.status.padEnd(11)} ${t.label}${t.error ? ` — ${t.error}` : ""}`;
}

/** The targets whose status differs from the previous poll's (all of them on the first). */
export function changedTargetLines(prev: RolloutDetailResponse | null, next: RolloutDetailResponse): string[] {
  const before = new Map(prev?.targets.map((t) => [t.id, t.status]));
  return next.targets.filter((t) => before.get(t.id) !== t.status).map(targetLine);
}

/** "rollout #12 running: 3/10 done · 2 succeeded · 1 unchanged · 2 applying · 5 pending". */
export function progressLine(detail: RolloutDetailResponse): string {
  const { rollout, targets } = detail;
  const done = targets.filter((t) => DONE.has(t.status)).length;
  const counts = Object.entries(rollout.counts)
    .filter(([, n]) => n)
    .map(([status, n]) => `${n} ${status}`);
  const kind = rollout.dryRun ? "dry run" : "rollout";
  return [`${kind} #${rollout.id} ${rollout.status}: ${done}/${targets.length} done`, ...counts].join(" · ");
}

/** The end: one line for the rollout, one per target; a dry run shows each changed target's diff. */
export function summaryLines(detail: RolloutDetailResponse): string[] {
  const { rollout } = detail;
  const lines = [
    `rollout #${rollout.id} ${rollout.status}${rollout.dryRun ? " (dry run)" : ""}: ${rollout.summary ?? ""}`.trimEnd(),
  ];
  for (const t of detail.targets) {
    lines.push(targetLine(t));
    if (t.plan?.changed && rollout.dryRun)
      for (const d of t.plan.diff.filter((l) => !l.startsWith("  "))) lines.push(`      ${d}`);
  }
  return lines;
}

export const rolloutExit = (detail: RolloutDetailResponse): number => (detail.rollout.status === "succeeded" ? 0 : 1);

export type WatchOptions = {
  io: Output;
  sleep(ms: number): Promise<void>;
  intervalMs: number;
  /** Progress goes to stderr (stdout is kept for --json). */
  quiet: boolean;
};

/** Polls until the rollout is no longer running; answers its last state. */
export async function watchRollout(backend: Backend, id: number, o: WatchOptions): Promise<RolloutDetailResponse> {
  let prev: RolloutDetailResponse | null = null;
  const write = (text: string) => (o.quiet ? o.io.err(text) : o.io.out(text));
  for (;;) {
    const next = await backend.getRollout(id);
    if (o.io.isTTY) {
      // \r and "erase line": the same line, redrawn.
      write(`\r\x1b[K${progressLine(next)}`);
      if (next.rollout.status !== "running") write("\n");
    } else {
      for (const line of changedTargetLines(prev, next)) write(`${line}\n`);
    }
    if (next.rollout.status !== "running") return next;
    prev = next;
    await o.sleep(o.intervalMs);
  }
}

import type { TargetView } from "./rollout-responses";

/**
 * How far a rollout has got, one segment per outcome: green applied or
 * already right, red failed, grey skipped, the rest still to do. The
 * progressbar role carries the same as a number for assistive technology.
 */
export function RolloutProgressBar({ targets }: { targets: readonly TargetView[] }) {
  const total = targets.length;
  const count = (...statuses: string[]) => targets.filter((t) => statuses.includes(t.status)).length;
  const segments = [
    { n: count("succeeded", "unchanged", "planned"), className: "bg-emerald-500" },
    { n: count("failed"), className: "bg-red-500" },
    { n: count("skipped"), className: "bg-zinc-400" },
  ];
  const done = segments.reduce((a, s) => a + s.n, 0);
  return (
    <div
      role="progressbar"
      aria-label="Rollout progress"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${done} of ${total} targets done`}
      className="flex h-3 w-full overflow-hidden rounded bg-slate-200"
    >
      {total > 0 &&
        segments.map(
          (s, i) =>
            s.n > 0 && (
              <div
                key={i}
                className={`${s.className} transition-[width]`}
                style={{ width: `${(100 * s.n) / total}%` }}
              />
            ),
        )}
    </div>
  );
}

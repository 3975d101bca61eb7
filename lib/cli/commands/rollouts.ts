/** `branchdesk apply`, `rollouts`, `rollout ID`, `resume ID`, `cancel ID`: rule rollouts, as the Rollouts page. */
import { ZStartRolloutInput } from "../../domain/rollouts/rollout-input";
import type { RolloutDetailResponse } from "../../domain/rollouts/rollout-views";
import type { CommandContext, CommandSpec, OptionSpec } from "../command";
import { UsageError } from "../exit-codes";
import { formatTable, json, shortTime } from "../format";
import { rolloutExit, summaryLines, watchRollout } from "../rollout-progress";
import { bool, branchCodeValue, idArg, intValue, str, strs } from "../values";

const WATCH_OPTIONS: Record<string, OptionSpec> = {
  interval: { type: "string", value: "SECONDS", help: "how often to ask for progress (default 2)" },
};

/** Follows the rollout to its end (progress on stderr under --json), then prints it; exit 0 only if it succeeded. */
async function follow(ctx: CommandContext, id: number, values: Record<string, unknown>): Promise<number> {
  const backend = await ctx.backend();
  const intervalMs = (intValue("interval", str(values.interval), 1, 3600) ?? 2) * 1000;
  const detail = await watchRollout(backend, id, { io: ctx.io, sleep: ctx.sleep, intervalMs, quiet: ctx.json });
  print(ctx, detail);
  return rolloutExit(detail);
}

function print(ctx: CommandContext, detail: RolloutDetailResponse): void {
  ctx.io.out(ctx.json ? json(detail) : `${summaryLines(detail).join("\n")}\n`);
}

export const apply: CommandSpec = {
  name: "apply",
  synopsis: "(--branch CODE ... | --all) [--dry-run] [--canary] [--failure-budget N] [options]",
  summary: "Render each branch's rules and apply them to its gateway and hosts (or preview with --dry-run).",
  description: `
Starts a rollout over the branches named with --branch (repeat it) or --all, and
follows it to the end: on a terminal one progress line redrawn in place,
otherwise one line per target as its state changes. Each box is planned, applied,
verified, and confirmed; a box that cannot confirm rolls itself back.

--dry-run plans every target and prints the diff, touching nothing. --canary
applies one host first and stops if it fails. --failure-budget N stops starting
new targets after N failures. Ctrl-C stops watching; over --url the rollout goes on
(\`branchdesk rollout ID --watch\` picks it up again, \`branchdesk cancel ID\` stops it).

Exit code: 0 when the rollout succeeded, 1 when any target failed or it was
cancelled; with --no-wait, 0 once it has started.`,
  json: true,
  options: {
    branch: { type: "string", multiple: true, value: "CODE", help: "a branch to roll out to (repeat for more)" },
    all: { type: "boolean", help: "every branch of the fleet" },
    "dry-run": { type: "boolean", help: "plan and show the diff; change nothing" },
    canary: { type: "boolean", help: "one host first; stop if it fails" },
    "failure-budget": { type: "string", value: "N", help: "stop after N failed targets (default 1)" },
    concurrency: { type: "string", value: "N", help: "at most N targets at once, 1-256 (default 32)" },
    "no-wait": { type: "boolean", help: "print the rollout id and exit; do not follow it" },
    ...WATCH_OPTIONS,
  },
  examples: [
    "branchdesk apply --branch BR-0042 --dry-run",
    "branchdesk apply --branch BR-0042 --branch BR-0043",
    "branchdesk apply --all --canary --failure-budget 3",
  ],
  async run(ctx, { values }) {
    const codes = strs(values.branch).map((c) => branchCodeValue("--branch", c));
    if (values.all && codes.length) throw new UsageError("give --branch or --all, not both");
    if (!values.all && !codes.length) throw new UsageError("name the branches: --branch CODE (repeat) or --all");
    const input = ZStartRolloutInput.safeParse({
      branchCodes: codes.length ? codes : ["ALL"],
      dryRun: bool(values["dry-run"]),
      canary: bool(values.canary),
      concurrency: intValue("concurrency", str(values.concurrency), 1, 256),
      failureBudget: intValue("failure-budget", str(values["failure-budget"]), 1, 100_000),
    });
    if (!input.success) throw new UsageError(input.error.issues[0]!.message);
    intValue("interval", str(values.interval), 1, 3600);
    const backend = await ctx.backend();
    const branchCodes = values.all
      ? (await backend.listBranches({})).map((b) => branchCodeValue("--all", b.code))
      : codes;
    if (!branchCodes.length) throw new UsageError("--all: the fleet has no branches");
    const id = await backend.startRollout({ ...input.data, branchCodes });
    if (values["no-wait"]) {
      ctx.io.out(ctx.json ? json({ rollout: { id } }) : `${id}\n`);
      return 0;
    }
    ctx.io.err(`${input.data.dryRun ? "dry run" : "rollout"} #${id} started\n`);
    return follow(ctx, id, values);
  },
};

export const rollouts: CommandSpec = {
  name: "rollouts",
  summary: "List recent rollouts, newest first.",
  description: `
The most recent rollouts and dry runs (50 unless --limit says otherwise), with
who started them, their branches and how they ended.`,
  json: true,
  options: {
    branch: { type: "string", value: "CODE", help: "only rollouts that touch this branch" },
    limit: { type: "string", value: "N", help: "at most N rollouts, 1-200 (default 50)" },
  },
  examples: ["branchdesk rollouts --branch BR-0042 --limit 5"],
  async run(ctx, { values }) {
    const branch = str(values.branch) === undefined ? undefined : branchCodeValue("--branch", str(values.branch)!);
    const limit = intValue("limit", str(values.limit), 1, 200);
    const list = await (await ctx.backend()).listRollouts({ branch, limit });
    if (ctx.json) ctx.io.out(json(list));
    else
      ctx.io.out(
        formatTable(
          ["ID", "STATUS", "KIND", "STARTED", "BY", "BRANCHES", "SUMMARY"],
          list.map((r) => [
            String(r.id),
            r.status,
            r.dryRun ? "dry-run" : "apply",
            shortTime(r.createdAt),
            r.createdBy,
            r.branchCodes.join(","),
            r.summary ?? "",
          ]),
        ),
      );
    return 0;
  },
};

export const rollout: CommandSpec = {
  name: "rollout",
  summary: "Show one rollout with every target; --watch follows it until it ends.",
  description: `
Prints the rollout and each target's state (and a dry run's diff). With --watch,
follows a running rollout as \`apply\` does. Exit code: 0 when it succeeded, 1
otherwise (still running, failed, cancelled, interrupted).`,
  args: [{ name: "ID", help: "the rollout's number, as `rollouts` lists it" }],
  json: true,
  options: { watch: { type: "boolean", help: "follow it until it ends" }, ...WATCH_OPTIONS },
  examples: ["branchdesk rollout 12", "branchdesk rollout 12 --watch"],
  async run(ctx, { args, values }) {
    const id = idArg("ID", args[0]);
    if (values.watch) return follow(ctx, id, values);
    const detail = await (await ctx.backend()).getRollout(id);
    print(ctx, detail);
    return rolloutExit(detail);
  },
};

export const resume: CommandSpec = {
  name: "resume",
  summary: "Resume an interrupted rollout (the dashboard stopped while it ran) and follow it.",
  description: `
Targets that finished stay as they are; the others are planned and applied again.
Exit code as \`apply\`.`,
  args: [{ name: "ID", help: "the interrupted rollout's number" }],
  json: true,
  options: { "no-wait": { type: "boolean", help: "do not follow it" }, ...WATCH_OPTIONS },
  examples: ["branchdesk resume 12"],
  async run(ctx, { args, values }) {
    const id = await (await ctx.backend()).resumeRollout(idArg("ID", args[0]));
    if (values["no-wait"]) {
      ctx.io.out(ctx.json ? json({ rollout: { id } }) : `${id}\n`);
      return 0;
    }
    ctx.io.err(`rollout #${id} resumed\n`);
    return follow(ctx, id, values);
  },
};

export const cancel: CommandSpec = {
  name: "cancel",
  summary: "Ask a running rollout to stop after the targets in flight.",
  description: `
Targets being applied finish (a box is never left half-done); no new target
starts. The rollout then ends as cancelled.`,
  args: [{ name: "ID", help: "the running rollout's number" }],
  examples: ["branchdesk cancel 12"],
  async run(ctx, { args }) {
    const id = idArg("ID", args[0]);
    await (await ctx.backend()).cancelRollout(id);
    ctx.io.err(`rollout #${id}: cancel requested\n`);
    return 0;
  },
};

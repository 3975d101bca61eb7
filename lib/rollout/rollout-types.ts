/**
 * The rollout engine's vocabulary. The engine orders and paces targets and
 * records what happens; what a target *is* (how to reach it, what to push,
 * how to check it) sits behind the TargetDriver port, and where progress is
 * kept sits behind the RolloutStore port, so the engine is tested with fakes
 * and driven for real by lib/server over SSH and Prisma.
 */
import { ROLLOUT_STATUSES, TARGET_KINDS, TARGET_STATUSES } from "@/lib/domain/rollouts/rollout-views";

// The statuses are listed once, in lib/domain (the API's answers use the same lists).
export type TargetKind = (typeof TARGET_KINDS)[number];

export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const FINAL_TARGET_STATUSES: readonly TargetStatus[] = ["succeeded", "unchanged", "failed", "skipped"];

export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

export type TargetRef = { key: string; kind: TargetKind; label: string; branchCode: string };

/** The work of one branch: its gateway first (hosts' outbound path needs its SNAT), then its hosts. */
export type BranchWork = { code: string; gateway: TargetRef | null; hosts: TargetRef[] };

/** What the diff says about one target, in a form fit to store and show. */
export type TargetPlan = {
  changed: boolean;
  /** Human-readable, coloured by the UI: lines starting "+ ", "- ", "  ", "! ". */
  diff: string[];
  counts: { add: number; remove: number; inPlace: number; foreign: number; duplicates: number; settings: number };
};

/**
 * An earlier apply on the box still waiting for its confirmation. The rules
 * running there are that apply's, and its dead-man puts the old ones back
 * when `secondsLeft` runs out, so they are no basis for a plan.
 */
export type PendingChange = { token: string; secondsLeft: number; timerAlive: boolean };

/** What planning a target finds: a plan, or a box in flux (never "unchanged"). */
export type PlanOutcome = { kind: "plan"; plan: TargetPlan } | { kind: "in-flux"; pending: PendingChange };

export type StepResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** One open conversation with a target (an SSH session, in production). */
export interface TargetSession {
  plan(): Promise<StepResult<PlanOutcome>>;
  /** Applies atomically with a dead-man armed; returns the agent's report. */
  apply(token: string): Promise<StepResult<{ output: string }>>;
  /** The end-to-end check (hosts: HQ -> guest IP:22 shows this host's pinned key). */
  verify(): Promise<StepResult<{ output: string }>>;
  confirm(token: string): Promise<StepResult<{ output: string }>>;
  rollback(token: string): Promise<StepResult<{ output: string }>>;
  close(): Promise<void>;
}

export interface TargetDriver {
  open(target: TargetRef): Promise<StepResult<TargetSession>>;
}

export type TargetUpdate = {
  status: TargetStatus;
  plan?: TargetPlan;
  output?: string;
  error?: string | null;
  startedAt?: Date;
  finishedAt?: Date;
};

export interface RolloutStore {
  updateTarget(key: string, update: TargetUpdate): Promise<void>;
  cancelRequested(): Promise<boolean>;
}

export type RolloutOptions = {
  dryRun: boolean;
  /** Targets in flight at once, fleet-wide. */
  concurrency: number;
  /** Run the first branch alone; continue only if it had no failure. */
  canary: boolean;
  /** Stop starting new targets once this many have failed in total. */
  failureBudget: number;
};

export type RolloutOutcome = {
  status: Exclude<RolloutStatus, "running" | "interrupted">;
  counts: Record<TargetStatus, number>;
  reason: string | null;
};

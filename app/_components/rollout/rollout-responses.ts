import type {
  RolloutDetailResponse,
  RolloutListResponse,
  RolloutStartedResponse,
  RolloutView,
  TargetView,
} from "@/lib/domain/rollouts/rollout-views";

/** What GET /api/v1/rollouts/{id} and GET /api/v1/rollouts answer (the routes' contracts use the same schemas). */
export type { RolloutDetailResponse, RolloutListResponse, RolloutView, TargetView };

/** What POST /api/v1/rollouts takes (lib/domain/rollouts/rollout-input.ts) and answers (202). */
export type StartRolloutBody = {
  branchCodes: string[];
  dryRun: boolean;
  concurrency?: number;
  canary?: boolean;
  failureBudget?: number;
};
export type StartRolloutResponse = RolloutStartedResponse;

/** A rollout is live only while "running"; every other status is final (interrupted waits for a person). */
export function rolloutIsRunning(status: string): boolean {
  return status === "running";
}

export const rolloutPath = (id: number) => `/rollouts/${id}`;

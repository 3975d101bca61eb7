"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiError } from "@/app/_client/api-error";
import { apiFetch } from "@/app/_client/api-fetch";
import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, rolloutsQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { rolloutPath, type StartRolloutBody, type StartRolloutResponse } from "./rollout-responses";

/**
 * A preview is a dry-run rollout: the server reads every box and plans, and
 * the page polls its result in place. No navigation and no server refresh:
 * nothing on the page changed but the list of recent rollouts.
 */
export function useStartPreview(onStarted: (id: number) => void) {
  const queryClient = useQueryClient();
  return useMutation<StartRolloutResponse, ApiError, string[]>({
    mutationFn: (branchCodes) => {
      const body = { branchCodes, dryRun: true } satisfies StartRolloutBody;
      return apiFetch<StartRolloutResponse>(apiPaths.rollouts(), { method: "POST", body });
    },
    onSuccess: async (out) => {
      onStarted(out.rollout.id);
      await queryClient.invalidateQueries({ queryKey: rolloutsQuery().queryKey });
    },
  });
}

/** Starts a real rollout and takes the operator to its page to watch it. */
export function useStartApply() {
  return useApiMutation<StartRolloutBody, StartRolloutResponse>({
    method: "POST",
    path: apiPaths.rollouts(),
    invalidate: [rolloutsQuery().queryKey, auditQuery().queryKey],
    navigateTo: (out) => rolloutPath(out.rollout.id),
  });
}

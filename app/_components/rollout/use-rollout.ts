"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { rolloutQuery, rolloutsQuery } from "@/app/_client/api-queries";
import { rolloutIsRunning } from "./rollout-responses";

/** About once a second: an apply takes seconds per target, and each poll is one indexed read. */
export const ROLLOUT_POLL_MS = 1_000;

/**
 * One rollout with its targets, polled while it runs and left alone once it
 * has finished (a finished rollout never changes again, except by a person's
 * resume, which invalidates this query). `id` null: nothing to show yet.
 */
export function useRollout(id: number | null) {
  const query = useQuery({
    ...rolloutQuery(id ?? 0),
    enabled: id !== null,
    // A running rollout's cached copy is never fresh; a finished one always is.
    staleTime: (q) => (q.state.data && !rolloutIsRunning(q.state.data.rollout.status) ? Infinity : 0),
    refetchInterval: (q) => (q.state.data && rolloutIsRunning(q.state.data.rollout.status) ? ROLLOUT_POLL_MS : false),
    // Keep polling in a background tab: someone may leave the page open on a wall screen.
    refetchIntervalInBackground: true,
  });
  useListsRefreshOnEnd(query.data?.rollout.status);
  return query;
}

/** When a rollout watched here ends, lists that show it as "running" (history, recent rollouts) are stale. */
function useListsRefreshOnEnd(status: string | undefined) {
  const queryClient = useQueryClient();
  const wasRunning = useRef(false);
  useEffect(() => {
    if (!status) return;
    if (rolloutIsRunning(status)) wasRunning.current = true;
    else if (wasRunning.current) {
      wasRunning.current = false;
      void queryClient.invalidateQueries({ queryKey: rolloutsQuery().queryKey });
    }
  }, [status, queryClient]);
}

"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "./api-fetch";
import type { ApiError } from "./api-error";

type Method = "POST" | "PUT" | "PATCH" | "DELETE";

type Options<TInput, TOutput> = {
  method: Method;
  path: string | ((input: TInput) => string);
  /** Query keys whose cached data this change makes stale. */
  invalidate?: QueryKey[];
  /** Where to go once it succeeded (e.g. the new branch's page); otherwise this page reloads its server data. */
  navigateTo?: string | ((output: TOutput, input: TInput) => string);
  onSuccess?: (output: TOutput, input: TInput) => void;
};

/**
 * A mutation against /api/v1 that, once it succeeds, invalidates the affected
 * queries and gets fresh server components: pages load through lib/server,
 * not through the query cache, so both must be told. Navigating is enough for
 * the latter (dynamic pages are never served from Next's client cache, staleTimes.dynamic
 * is 0); staying needs router.refresh(). Doing both would re-render the page
 * being left, which after a delete is a 404.
 */
export function useApiMutation<TInput = unknown, TOutput = unknown>(options: Options<TInput, TOutput>) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation<TOutput, ApiError, TInput>({
    mutationFn: (input) => {
      const path = typeof options.path === "function" ? options.path(input) : options.path;
      return apiFetch<TOutput>(path, { method: options.method, body: options.method === "DELETE" ? undefined : input });
    },
    onSuccess: async (output, input) => {
      await Promise.all((options.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      options.onSuccess?.(output, input);
      const to = typeof options.navigateTo === "function" ? options.navigateTo(output, input) : options.navigateTo;
      if (to) router.push(to);
      else router.refresh();
    },
  });
}

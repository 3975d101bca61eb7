"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/app/_client/api-fetch";
import { FormAlert } from "../form/form-alert";
import { healthPaths, type CheckNowTarget } from "./health-queries";

/**
 * Check now (operators): asks the collector for a sweep of one box, a branch or the
 * fleet, then refreshes the health queries; results arrive with the next refetch too.
 */
export function CheckNowButton({ target, label }: { target: CheckNowTarget; label: string }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => apiFetch<unknown>(healthPaths.check(), { method: "POST", body: target }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["health"] }),
  });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn btn-secondary"
        aria-label={label}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        {mutation.isPending ? "Checking…" : "Check now"}
      </button>
      <span aria-live="polite" className="text-xs text-slate-600">
        {mutation.isSuccess ? "Check requested; results arrive as the boxes answer." : ""}
      </span>
      {mutation.error && <FormAlert error={mutation.error} />}
    </span>
  );
}

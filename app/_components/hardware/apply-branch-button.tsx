"use client";

import { apiPaths } from "@/app/_client/api-paths";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";
import type { RolloutStartedResponse } from "@/lib/domain/rollouts/rollout-views";
import { FormAlert } from "../form/form-alert";

/** One click: a rollout of the branch (after a swap), then its page. */
export function ApplyBranchButton({ branchCode }: { branchCode: string }) {
  const hydrated = useHydrated();
  const apply = useApiMutation<{ branchCodes: string[] }, RolloutStartedResponse>({
    method: "POST",
    path: apiPaths.rollouts(),
    navigateTo: (out) => `/rollouts/${out.rollout.id}`,
  });
  return (
    <div className="space-y-1">
      <FormAlert error={apply.error} />
      <button
        type="button"
        className="btn btn-primary"
        disabled={!hydrated || apply.isPending}
        onClick={() => apply.mutate({ branchCodes: [branchCode] })}
      >
        {apply.isPending ? "Starting…" : `Apply ${branchCode}'s rules`}
      </button>
    </div>
  );
}

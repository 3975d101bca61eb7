"use client";

import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, rolloutQuery, rolloutsQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";
import { FormAlert } from "../form/form-alert";
import type { RolloutView } from "./rollout-responses";

/**
 * Cancel stops a running rollout from starting new targets (those in flight
 * finish, with their checks); on an interrupted one it closes it. Resume
 * re-plans and runs what an interrupted rollout left. Operators only.
 */
export function RolloutActions({ rollout }: { rollout: RolloutView }) {
  const hydrated = useHydrated();
  const invalidate = [rolloutQuery(rollout.id).queryKey, rolloutsQuery().queryKey, auditQuery().queryKey];
  const cancel = useApiMutation<void>({ method: "POST", path: apiPaths.cancelRollout(rollout.id), invalidate });
  const resume = useApiMutation<void>({ method: "POST", path: apiPaths.resumeRollout(rollout.id), invalidate });
  const running = rollout.status === "running";
  const interrupted = rollout.status === "interrupted";
  if (!running && !interrupted) return null;
  const busy = !hydrated || cancel.isPending || resume.isPending;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {interrupted && (
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => resume.mutate()}>
          {resume.isPending ? "Resuming…" : "Resume"}
        </button>
      )}
      {running && rollout.cancelRequested ? (
        <span role="status" className="text-sm text-amber-800">
          Cancelling: targets in flight finish, no new ones start.
        </span>
      ) : (
        <button
          type="button"
          className="btn btn-secondary text-red-700"
          disabled={busy}
          onClick={() => cancel.mutate()}
        >
          {cancel.isPending ? "Cancelling…" : "Cancel"}
        </button>
      )}
      <FormAlert error={cancel.error ?? resume.error} />
    </div>
  );
}

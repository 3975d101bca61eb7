"use client";

import { apiPaths } from "@/app/_client/api-paths";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";

/** Revokes an unused enrolment token (a leaked one-liner, a box that will not come). */
export function RevokeTokenButton({ id }: { id: number }) {
  const hydrated = useHydrated();
  const revoke = useApiMutation<void, unknown>({ method: "DELETE", path: apiPaths.enrolmentToken(id) });
  return (
    <>
      <button
        type="button"
        className="btn btn-secondary text-xs"
        disabled={!hydrated || revoke.isPending}
        onClick={() => revoke.mutate()}
        aria-label={`Revoke enrolment token ${id}`}
      >
        {revoke.isPending ? "Revoking…" : "Revoke"}
      </button>
      {revoke.error && (
        <span role="alert" className="ml-2 text-xs text-red-800">
          {revoke.error.message}
        </span>
      )}
    </>
  );
}

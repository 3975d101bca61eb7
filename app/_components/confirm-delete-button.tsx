"use client";

import type { QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";
import { FormAlert } from "./form/form-alert";

type Props = {
  /** What is deleted, in words: "host br-0042-h07". */
  what: string;
  path: string;
  invalidate?: QueryKey[];
  /** Where to go afterwards (the deleted thing's page no longer exists). */
  redirectTo?: string;
};

/**
 * Delete in two steps: the first click asks, the second deletes. An inline
 * question instead of window.confirm() so it is styled, keyboard-reachable and
 * shows the API's refusal (e.g. "branch still has 3 hosts") right there.
 */
export function ConfirmDeleteButton({ what, path, invalidate, redirectTo }: Props) {
  const hydrated = useHydrated();
  const [asking, setAsking] = useState(false);
  const remove = useApiMutation<void>({
    method: "DELETE",
    path,
    invalidate,
    navigateTo: redirectTo,
  });

  if (!asking) {
    return (
      <button
        type="button"
        className="btn btn-secondary text-red-700"
        disabled={!hydrated}
        onClick={() => setAsking(true)}
      >
        Delete {what}
      </button>
    );
  }
  return (
    <div
      role="group"
      aria-label={`Confirm deleting ${what}`}
      className="flex flex-wrap items-center gap-2 rounded border border-red-200 bg-red-50 p-2 text-sm"
    >
      <span>Delete {what}? This cannot be undone.</span>
      <button type="button" className="btn btn-danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
        {remove.isPending ? "Deleting…" : "Yes, delete"}
      </button>
      {/* Focus lands on the harmless choice: a stray Enter cancels rather than deletes. */}
      <button
        type="button"
        className="btn btn-secondary"
        autoFocus
        onClick={() => {
          setAsking(false);
          remove.reset();
        }}
      >
        Cancel
      </button>
      {remove.error && (
        <div className="w-full">
          <FormAlert error={remove.error} />
        </div>
      )}
    </div>
  );
}

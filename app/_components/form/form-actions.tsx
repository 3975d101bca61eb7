"use client";

import { useRouter } from "next/navigation";
import { SubmitButton } from "./submit-button";

type Props = { label: string; pendingLabel: string; pending: boolean };

/** The foot of an edit form: submit, and Cancel back to where the user came from. */
export function FormActions({ label, pendingLabel, pending }: Props) {
  const router = useRouter();
  return (
    <div className="flex gap-2">
      <SubmitButton pending={pending} pendingLabel={pendingLabel} label={label} />
      <button type="button" className="btn btn-secondary" onClick={() => router.back()}>
        Cancel
      </button>
    </div>
  );
}

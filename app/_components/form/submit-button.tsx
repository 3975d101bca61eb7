"use client";

import { useHydrated } from "@/app/_client/use-hydrated";

type Props = { label: string; pendingLabel: string; pending: boolean; className?: string };

/** The form's submit button: disabled while saving, and until the page is interactive. */
export function SubmitButton({ label, pendingLabel, pending, className = "" }: Props) {
  const hydrated = useHydrated();
  return (
    <button
      type="submit"
      className={`btn btn-primary ${className}`}
      disabled={!hydrated || pending}
      aria-busy={pending || undefined}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}

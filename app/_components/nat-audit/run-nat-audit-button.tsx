"use client";

import { apiPaths } from "@/app/_client/api-paths";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { FormAlert } from "../form/form-alert";

type Target = { box: string } | { branch: string } | { fleet: true };
type Answer = { runId: string; audits: { id: number }[] };

/**
 * Audit now (operators): reads the nat tables over SSH (read-only on the boxes) and stores a
 * snapshot per box; one box goes to its new audit, a wider run reloads the page.
 */
export function RunNatAuditButton({ target, label }: { target: Target; label: string }) {
  const single = "box" in target;
  const mutation = useApiMutation<Target, Answer>({
    method: "POST",
    path: apiPaths.natAudits(),
    navigateTo: single ? (out) => (out.audits[0] ? `/nat-audit/${out.audits[0].id}` : "/nat-audit") : undefined,
  });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn btn-primary"
        aria-label={label}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate(target)}
      >
        {mutation.isPending ? "Auditing…" : "Audit now"}
      </button>
      <span aria-live="polite" className="text-xs text-slate-600">
        {mutation.isSuccess && !single ? `Audited ${mutation.data.audits.length} box(es).` : ""}
      </span>
      {mutation.error && <FormAlert error={mutation.error} />}
    </span>
  );
}

"use client";

import type { FormEvent } from "react";
import { formInput } from "@/app/_client/form-input";
import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, branchesQuery, branchQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { FormAlert } from "../form/form-alert";
import { FormActions } from "../form/form-actions";
import { hasWarnings, SavedWithWarnings } from "../form/saved-with-warnings";
import type { HostWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { GuestFields } from "./guest-fields";
import { HostFields } from "./host-fields";

/**
 * Adds a host and its guest to a branch in one request (one transaction, one
 * audit trail). A host saved with warnings stays here, showing them by their fields.
 */
export function NewHostForm({ branchCode }: { branchCode: string }) {
  const branchPath = `/branches/${encodeURIComponent(branchCode)}`;
  const create = useApiMutation<Record<string, unknown>, HostWriteResponse>({
    method: "POST",
    path: apiPaths.branchHosts(branchCode),
    invalidate: [branchQuery(branchCode).queryKey, branchesQuery().queryKey, auditQuery().queryKey],
    navigateTo: (out) => (hasWarnings(out.warnings) ? "" : branchPath),
  });
  const saved = create.data && hasWarnings(create.data.warnings) ? create.data : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(formInput(event.currentTarget));
  }

  const fields = create.error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card max-w-3xl space-y-4" aria-label="New host">
      <FormAlert error={create.error} />
      {saved && <SavedWithWarnings what={`host ${saved.host.hostname}`} href={`/hosts/${saved.host.id}`} />}
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-semibold">Host (Linux/KVM)</legend>
        <HostFields fields={fields} warnings={saved?.warnings} />
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-semibold">Guest (Windows 2000 VM)</legend>
        <GuestFields prefix="guest." fields={fields} />
      </fieldset>
      {/* Once added, submitting again would only add it twice: the notice's link goes on. */}
      {!saved && <FormActions pending={create.isPending} pendingLabel="Adding…" label="Add host" />}
    </form>
  );
}

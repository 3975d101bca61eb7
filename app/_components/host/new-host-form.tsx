"use client";

import type { FormEvent } from "react";
import { formInput } from "@/app/_client/form-input";
import { queryKeys } from "@/app/_client/query-keys";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { FormAlert } from "../form/form-alert";
import { FormActions } from "../form/form-actions";
import { GuestFields } from "./guest-fields";
import { HostFields } from "./host-fields";

/** Adds a host and its guest to a branch in one request (one transaction, one audit trail). */
export function NewHostForm({ branchCode }: { branchCode: string }) {
  const branchPath = `/branches/${encodeURIComponent(branchCode)}`;
  const create = useApiMutation<Record<string, unknown>>({
    method: "POST",
    path: `/api/v1${branchPath}/hosts`,
    invalidate: [queryKeys.branch(branchCode), queryKeys.branches(), queryKeys.audit()],
    navigateTo: branchPath,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(formInput(event.currentTarget));
  }

  const fields = create.error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card max-w-3xl space-y-4" aria-label="New host">
      <FormAlert error={create.error} />
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-semibold">Host (Linux/KVM)</legend>
        <HostFields fields={fields} />
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-semibold">Guest (Windows 2000 VM)</legend>
        <GuestFields prefix="guest." fields={fields} />
      </fieldset>
      <FormActions pending={create.isPending} pendingLabel="Adding…" label="Add host" />
    </form>
  );
}

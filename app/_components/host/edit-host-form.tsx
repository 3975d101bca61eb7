"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { formInput } from "@/app/_client/form-input";
import { queryKeys } from "@/app/_client/query-keys";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { FormAlert } from "../form/form-alert";
import { SubmitButton } from "../form/submit-button";
import { HostFields, type HostFieldValues } from "./host-fields";

/** Edits the host's own settings; its guest has a form of its own. */
export function EditHostForm({ hostId, branchCode, host }: { hostId: number; branchCode: string; host: HostFieldValues }) {
  const router = useRouter();
  const save = useApiMutation<Record<string, unknown>>({
    method: "PATCH",
    path: `/api/v1/hosts/${hostId}`,
    invalidate: [queryKeys.host(hostId), queryKeys.branch(branchCode), queryKeys.audit()],
    navigateTo: `/hosts/${hostId}`,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(formInput(event.currentTarget));
  }

  const fields = save.error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card max-w-3xl space-y-3" aria-label="Edit host">
      <FormAlert error={save.error} />
      <HostFields host={host} fields={fields} />
      <div className="flex gap-2">
        <SubmitButton pending={save.isPending} pendingLabel="Saving…" label="Save host" />
        <button type="button" className="btn btn-secondary" onClick={() => router.back()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

"use client";

import { FormAlert } from "../form/form-alert";
import { FormActions } from "../form/form-actions";
import { useHostWrite } from "./use-host-write";
import { HostFields, type HostFieldValues } from "./host-fields";

/** Edits the host's own settings; its guest has a form of its own. */
export function EditHostForm({ hostId, branchCode, host }: { hostId: number; branchCode: string; host: HostFieldValues }) {
  const { save, onSubmit, fields } = useHostWrite(hostId, branchCode, "PATCH", `/api/v1/hosts/${hostId}`);
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card max-w-3xl space-y-3" aria-label="Edit host">
      <FormAlert error={save.error} />
      <HostFields host={host} fields={fields} />
      <FormActions pending={save.isPending} pendingLabel="Saving…" label="Save host" />
    </form>
  );
}

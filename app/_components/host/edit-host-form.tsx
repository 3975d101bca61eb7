"use client";

import { useRouter } from "next/navigation";
import { FormAlert } from "../form/form-alert";
import { SubmitButton } from "../form/submit-button";
import { useHostWrite } from "./use-host-write";
import { HostFields, type HostFieldValues } from "./host-fields";

/** Edits the host's own settings; its guest has a form of its own. */
export function EditHostForm({ hostId, branchCode, host }: { hostId: number; branchCode: string; host: HostFieldValues }) {
  const router = useRouter();
  const { save, onSubmit, fields } = useHostWrite(hostId, branchCode, "PATCH", `/api/v1/hosts/${hostId}`);
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

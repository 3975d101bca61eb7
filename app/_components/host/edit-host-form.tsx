"use client";

import { apiPaths } from "@/app/_client/api-paths";
import { FormAlert } from "../form/form-alert";
import { FormActions } from "../form/form-actions";
import { SavedWithWarnings } from "../form/saved-with-warnings";
import { useHostWrite } from "./use-host-write";
import { HostFields, type HostFieldValues } from "./host-fields";

/** Edits the host's own settings; its guest has a form of its own. */
export function EditHostForm({
  hostId,
  branchCode,
  host,
}: {
  hostId: number;
  branchCode: string;
  host: HostFieldValues;
}) {
  const write = useHostWrite(hostId, branchCode, "PATCH", apiPaths.host(hostId));
  const { save, onSubmit, fields, warnings, savedWithWarnings } = write;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card max-w-3xl space-y-3" aria-label="Edit host">
      <FormAlert error={save.error} />
      {savedWithWarnings && <SavedWithWarnings what={`host ${host.hostname}`} href={`/hosts/${hostId}`} />}
      <HostFields host={host} fields={fields} warnings={warnings} />
      <FormActions pending={save.isPending} pendingLabel="Saving…" label="Save host" />
    </form>
  );
}

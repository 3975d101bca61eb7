"use client";

import { apiPaths } from "@/app/_client/api-paths";
import { FormAlert } from "../form/form-alert";
import { SubmitButton } from "../form/submit-button";
import { useHostWrite } from "./use-host-write";
import { GuestFields } from "./guest-fields";

type Guest = { name: string; domain: string; mac: string; ip: string };

/** A host has one guest: PUT creates it or replaces it. */
export function GuestForm({ hostId, branchCode, guest }: { hostId: number; branchCode: string; guest: Guest | null }) {
  const { save, onSubmit, fields } = useHostWrite(hostId, branchCode, "PUT", apiPaths.guest(hostId));
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card max-w-3xl space-y-3" aria-label="Guest">
      <FormAlert error={save.error} />
      <GuestFields prefix="" guest={guest} fields={fields} />
      <SubmitButton pending={save.isPending} pendingLabel="Saving…" label={guest ? "Save guest" : "Add guest"} />
    </form>
  );
}

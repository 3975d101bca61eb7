"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { formInput } from "@/app/_client/form-input";
import { queryKeys } from "@/app/_client/query-keys";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { FormAlert } from "../form/form-alert";
import { SubmitButton } from "../form/submit-button";
import { GuestFields } from "./guest-fields";

type Guest = { name: string; domain: string; mac: string; ip: string };

/** A host has one guest: PUT creates it or replaces it. */
export function GuestForm({ hostId, branchCode, guest }: { hostId: number; branchCode: string; guest: Guest | null }) {
  const router = useRouter();
  const save = useApiMutation<Record<string, unknown>>({
    method: "PUT",
    path: `/api/v1/hosts/${hostId}/guest`,
    invalidate: [queryKeys.host(hostId), queryKeys.branch(branchCode), queryKeys.audit()],
    navigateTo: `/hosts/${hostId}`,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(formInput(event.currentTarget));
  }

  const fields = save.error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card max-w-3xl space-y-3" aria-label="Guest">
      <FormAlert error={save.error} />
      <GuestFields prefix="" guest={guest} fields={fields} />
      <SubmitButton pending={save.isPending} pendingLabel="Saving…" label={guest ? "Save guest" : "Add guest"} />
    </form>
  );
}

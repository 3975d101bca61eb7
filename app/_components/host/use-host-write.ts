"use client";

import type { FormEvent } from "react";
import { formInput } from "@/app/_client/form-input";
import { auditQuery, branchQuery, hostQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { hasWarnings, type Warnings } from "../form/saved-with-warnings";

/**
 * A form that writes one host's resource (the host itself, its guest): sends
 * the form's fields, refreshes the host, its branch and the audit log, then
 * returns to the host page, unless the answer carries warnings: then it stays
 * and returns them, for the form to show next to their fields.
 */
export function useHostWrite(hostId: number, branchCode: string, method: "PATCH" | "PUT", path: string) {
  const save = useApiMutation<Record<string, unknown>, { warnings?: Warnings }>({
    method,
    path,
    invalidate: [hostQuery(hostId).queryKey, branchQuery(branchCode).queryKey, auditQuery().queryKey],
    navigateTo: (out) => (hasWarnings(out.warnings) ? "" : `/hosts/${hostId}`),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(formInput(event.currentTarget));
  }
  const warnings = save.data?.warnings ?? {};
  return { save, onSubmit, fields: save.error?.fields ?? {}, warnings, savedWithWarnings: hasWarnings(warnings) };
}

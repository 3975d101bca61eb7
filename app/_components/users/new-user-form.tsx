"use client";

import type { FormEvent } from "react";
import { formInput } from "@/app/_client/form-input";
import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, usersQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { ROLES } from "@/lib/domain/role";
import { FormAlert } from "../form/form-alert";
import { SubmitButton } from "../form/submit-button";
import { SelectField } from "../form/select-field";
import { TextField } from "../form/text-field";

/** Adds a user with an initial password the admin hands over; the form clears once it is saved. */
export function NewUserForm() {
  const create = useApiMutation<Record<string, unknown>>({
    method: "POST",
    path: apiPaths.users(),
    invalidate: [usersQuery().queryKey, auditQuery().queryKey],
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    // The password goes as typed: trimming it would set a different one than the user chose.
    const password = new FormData(form).get("password");
    create.mutate(
      { ...formInput(form), password: typeof password === "string" ? password : "" },
      { onSuccess: () => form.reset() },
    );
  }

  const fields = create.error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card space-y-3" aria-label="New user">
      <h2 className="text-sm font-semibold">Add a user</h2>
      <FormAlert error={create.error} />
      <div className="grid grid-cols-3 gap-3">
        <TextField name="username" label="Username" required autoComplete="off" errors={fields.username} />
        <SelectField name="role" label="Role" options={ROLES} defaultValue="viewer" errors={fields.role} />
        <TextField
          name="password"
          label="Initial password"
          type="password"
          required
          autoComplete="new-password"
          errors={fields.password}
        />
      </div>
      {create.isSuccess && (
        <p role="status" className="text-sm text-emerald-700">
          User created.
        </p>
      )}
      <SubmitButton pending={create.isPending} pendingLabel="Adding…" label="Add user" />
    </form>
  );
}

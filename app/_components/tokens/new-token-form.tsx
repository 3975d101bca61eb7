"use client";

import { useState, type FormEvent } from "react";
import { apiPaths } from "@/app/_client/api-paths";
import { apiTokensQuery, auditQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { ROLES, roleAllows, type Role } from "@/lib/domain/role";
import type { ApiTokenCreatedResponse } from "@/lib/domain/tokens/token-views";
import { FieldErrors } from "../form/field-errors";
import { FormAlert } from "../form/form-alert";
import { SelectField } from "../form/select-field";
import { SubmitButton } from "../form/submit-button";
import { TextField } from "../form/text-field";
import { TokenSecret } from "./token-secret";

type Input = { name: string; role: string; expiresInDays?: number; allowedCidrs: string[]; service: boolean };

/** Reads the form as the API's input: CIDRs one per line (or comma-separated), days as a number. */
function tokenInput(form: HTMLFormElement): Input {
  const data = new FormData(form);
  const text = (key: string) => String(data.get(key) ?? "").trim();
  const days = text("expiresInDays");
  return {
    name: text("name"),
    role: text("role"),
    ...(days ? { expiresInDays: /^\d+$/.test(days) ? Number(days) : (days as unknown as number) } : {}),
    allowedCidrs: text("allowedCidrs")
      .split(/[\s,]+/)
      .filter((c) => c !== ""),
    service: data.get("service") === "on",
  };
}

/** Creates a personal token (a service token too, for admins); its secret is shown once, then gone. */
export function NewTokenForm({ role }: { role: Role }) {
  const [created, setCreated] = useState<ApiTokenCreatedResponse | null>(null);
  const create = useApiMutation<Input, ApiTokenCreatedResponse>({
    method: "POST",
    path: apiPaths.apiTokens(),
    invalidate: [apiTokensQuery().queryKey, auditQuery().queryKey],
    onSuccess: (output) => setCreated(output),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate(tokenInput(form), { onSuccess: () => form.reset() });
  }

  const fields = create.error?.fields ?? {};
  return (
    <div className="space-y-3">
      {created && (
        <TokenSecret
          created={created}
          onDone={() => {
            setCreated(null);
            create.reset();
          }}
        />
      )}
      <form method="post" onSubmit={onSubmit} noValidate className="card space-y-3" aria-label="New API token">
        <h2 className="text-sm font-semibold">Create a token</h2>
        <FormAlert error={create.error} />
        <TextField
          name="name"
          label="Name"
          required
          autoComplete="off"
          hint="what uses it: ci-deploy, nightly-export"
          errors={fields.name}
        />
        <div className="grid grid-cols-2 gap-3">
          <SelectField
            name="role"
            label="Role"
            options={ROLES.filter((r) => roleAllows(role, r))}
            defaultValue="viewer"
            errors={fields.role}
          />
          <TextField
            name="expiresInDays"
            label="Expires in (days)"
            inputMode="numeric"
            autoComplete="off"
            hint="empty: never"
            errors={fields.expiresInDays}
          />
        </div>
        <div>
          <label htmlFor="field-allowedCidrs" className="mb-0.5 block text-xs font-medium text-slate-700">
            Allowed client addresses
          </label>
          <textarea
            id="field-allowedCidrs"
            name="allowedCidrs"
            rows={2}
            className="input font-mono"
            aria-describedby={
              fields.allowedCidrs ? "field-allowedCidrs-hint field-allowedCidrs-error" : "field-allowedCidrs-hint"
            }
            aria-invalid={fields.allowedCidrs ? true : undefined}
          />
          <p id="field-allowedCidrs-hint" className="mt-0.5 text-xs text-slate-500">
            CIDRs or addresses, one per line (192.0.2.0/24, 2001:db8::/32); empty: any address
          </p>
          <FieldErrors id="field-allowedCidrs-error" errors={fields.allowedCidrs ?? []} />
        </div>
        {role === "admin" && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="service" />
            Service token (belongs to no person; survives its creator being disabled)
          </label>
        )}
        <FieldErrors id="field-service-error" errors={fields.service ?? []} />
        <SubmitButton pending={create.isPending} pendingLabel="Creating…" label="Create token" />
      </form>
    </div>
  );
}

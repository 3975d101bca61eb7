"use client";

import type { FormEvent } from "react";
import { formInput } from "@/app/_client/form-input";
import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, branchesQuery, branchQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import type { BranchWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { FormAlert } from "../form/form-alert";
import { FormActions } from "../form/form-actions";
import { hasWarnings, SavedWithWarnings } from "../form/saved-with-warnings";
import { TextField } from "../form/text-field";

export type BranchFormValues = {
  code: string;
  name: string;
  region: string;
  lanCidr: string;
  linkLocalPool: string;
  gatewayLinkLocalIp: string;
};

const branchPath = (code: string) => `/branches/${encodeURIComponent(code)}`;

/**
 * Create a branch (POST) or edit one (PATCH; the code is its identity and
 * stays). A save with warnings stays here, showing them next to their fields.
 */
export function BranchForm({ branch }: { branch?: BranchFormValues }) {
  const editing = branch !== undefined;
  const save = useApiMutation<Record<string, unknown>, BranchWriteResponse>({
    method: editing ? "PATCH" : "POST",
    path: editing ? apiPaths.branch(branch.code) : apiPaths.branches(),
    invalidate: [
      branchesQuery().queryKey,
      ...(editing ? [branchQuery(branch.code).queryKey] : []),
      auditQuery().queryKey,
    ],
    navigateTo: (out) => (hasWarnings(out.warnings) ? "" : branchPath(out.branch.code)),
  });
  const saved = save.data && hasWarnings(save.data.warnings) ? save.data : null;
  const warnings = saved?.warnings ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(formInput(event.currentTarget));
  }

  const fields = save.error?.fields ?? {};
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="card max-w-2xl space-y-3"
      aria-label={editing ? "Edit branch" : "New branch"}
    >
      <FormAlert error={save.error} />
      {saved && <SavedWithWarnings what={`branch ${saved.branch.code}`} href={branchPath(saved.branch.code)} />}
      <div className="grid grid-cols-2 gap-3">
        <TextField
          name="code"
          label="Code"
          placeholder="BR-0042"
          required
          hint="Your own code, e.g. LYON-01 or PAR_OPERA: letters, digits, '-' and '_'; stored upper-case."
          defaultValue={branch?.code}
          disabled={editing}
          errors={fields.code}
          mono
        />
        <TextField name="name" label="Name" required defaultValue={branch?.name} errors={fields.name} />
        <TextField name="region" label="Region" required defaultValue={branch?.region} errors={fields.region} />
        <TextField
          name="lanCidr"
          label="LAN CIDR"
          placeholder="198.51.100.0/24"
          required
          defaultValue={branch?.lanCidr}
          errors={fields.lanCidr}
          mono
        />
        <TextField
          name="linkLocalPool"
          label="Link-local host pool"
          placeholder="169.254.0.0/16"
          mono
          hint="Hosts' addresses are allocated from here, never from RFC 3927's first and last /24 (typed ones may be)."
          defaultValue={branch?.linkLocalPool}
          errors={fields.linkLocalPool}
          warnings={warnings.linkLocalPool}
        />
        <TextField
          name="gatewayLinkLocalIp"
          label="Gateway link-local address"
          placeholder="169.254.1.1"
          mono
          hint="The gateway's address on the hosts' link-local side."
          defaultValue={branch?.gatewayLinkLocalIp}
          errors={fields.gatewayLinkLocalIp}
          warnings={warnings.gatewayLinkLocalIp}
        />
      </div>
      {/* Once created, the form would only create it twice: the notice's link goes on. */}
      {(editing || !saved) && (
        <FormActions
          pending={save.isPending}
          pendingLabel="Saving…"
          label={editing ? "Save branch" : "Create branch"}
        />
      )}
    </form>
  );
}

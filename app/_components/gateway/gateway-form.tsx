"use client";

import type { FormEvent } from "react";
import { formInput } from "@/app/_client/form-input";
import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, branchesQuery, branchQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { FormAlert } from "../form/form-alert";
import { FormActions } from "../form/form-actions";
import { TextField } from "../form/text-field";

export type GatewayFormValues = {
  hostname: string;
  sshAddress: string;
  sshPort: number;
  sshUser: string;
  lanIfname: string;
  lanIp: string;
};

/** A branch has one gateway: PUT creates it or replaces its settings. */
export function GatewayForm({ branchCode, gateway }: { branchCode: string; gateway: GatewayFormValues | null }) {
  const branchPath = `/branches/${encodeURIComponent(branchCode)}`;
  const save = useApiMutation<Record<string, unknown>>({
    method: "PUT",
    path: apiPaths.gateway(branchCode),
    invalidate: [branchQuery(branchCode).queryKey, branchesQuery().queryKey, auditQuery().queryKey],
    navigateTo: branchPath,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(formInput(event.currentTarget, ["sshPort"]));
  }

  const fields = save.error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card max-w-2xl space-y-3" aria-label="Gateway">
      <FormAlert error={save.error} />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          name="hostname"
          label="Hostname"
          required
          defaultValue={gateway?.hostname}
          errors={fields.hostname}
          mono
        />
        <TextField
          name="sshAddress"
          label="SSH address (from head office)"
          placeholder="203.0.113.10"
          required
          defaultValue={gateway?.sshAddress}
          errors={fields.sshAddress}
          mono
        />
        <TextField
          name="sshPort"
          label="SSH port"
          inputMode="numeric"
          placeholder="22"
          defaultValue={gateway?.sshPort}
          errors={fields.sshPort}
          mono
        />
        <TextField
          name="sshUser"
          label="SSH user"
          placeholder="root"
          defaultValue={gateway?.sshUser}
          errors={fields.sshUser}
          mono
        />
        <TextField
          name="lanIfname"
          label="LAN interface"
          placeholder="eth1"
          required
          defaultValue={gateway?.lanIfname}
          errors={fields.lanIfname}
          mono
        />
        <TextField
          name="lanIp"
          label="LAN (routable) address"
          placeholder="198.51.100.1"
          required
          defaultValue={gateway?.lanIp}
          errors={fields.lanIp}
          mono
        />
      </div>
      <FormActions pending={save.isPending} pendingLabel="Saving…" label={gateway ? "Save gateway" : "Add gateway"} />
    </form>
  );
}

"use client";

import { useRef, type FormEvent } from "react";
import { formInput } from "@/app/_client/form-input";
import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, branchesQuery, branchQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { FormAlert } from "../form/form-alert";
import { FormActions } from "../form/form-actions";
import { hasWarnings, SavedWithWarnings } from "../form/saved-with-warnings";
import type { HostKeyTrustedResponse } from "@/lib/domain/host-keys/host-key-trusted";
import type { HostWriteResponse } from "@/lib/domain/inventory/inventory-views";
import type { EnrolPrefill } from "@/lib/domain/discovery/enrol-prefill-view";
import { GuestFields } from "./guest-fields";
import { HostFields } from "./host-fields";

/**
 * Adds a host and its guest to a branch in one request (one transaction, one
 * audit trail). A host saved with warnings stays here, showing them by their fields.
 * From discovery's "Enrol this" (`prefill`), the host's key is then trusted
 * with `expect` set to the key discovery saw: the trust flow scans the box
 * again through the gateway and pins the key only if it is the same one.
 */
export function NewHostForm({ branchCode, prefill = {} }: { branchCode: string; prefill?: EnrolPrefill }) {
  const branchPath = `/branches/${encodeURIComponent(branchCode)}`;
  const expectKey = prefill.hostKey;
  const createdId = useRef<number | null>(null);
  const trust = useApiMutation<{ expect: string }, HostKeyTrustedResponse>({
    method: "POST",
    path: () => apiPaths.hostHostKey(createdId.current!),
    invalidate: [branchQuery(branchCode).queryKey, auditQuery().queryKey],
    navigateTo: () => `/hosts/${createdId.current}`,
  });
  const create = useApiMutation<Record<string, unknown>, HostWriteResponse>({
    method: "POST",
    path: apiPaths.branchHosts(branchCode),
    invalidate: [branchQuery(branchCode).queryKey, branchesQuery().queryKey, auditQuery().queryKey],
    navigateTo: (out) => (hasWarnings(out.warnings) || expectKey ? "" : branchPath),
    onSuccess: (out) => {
      createdId.current = out.host.id;
      if (expectKey) trust.mutate({ expect: expectKey });
    },
  });
  const saved = create.data && (hasWarnings(create.data.warnings) || expectKey) ? create.data : null;
  const discovered = prefill.linkLocalIp || prefill.nicMac ? { ...prefill } : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(formInput(event.currentTarget));
  }

  const fields = create.error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card max-w-3xl space-y-4" aria-label="New host">
      <FormAlert error={create.error} />
      {discovered && !saved && (
        <p className="text-sm text-slate-600" data-testid="discovery-prefill">
          Pre-filled from discovery. Confirm the serial and the guest.{" "}
          {expectKey ? (
            <>
              Its host key <span className="font-mono">{expectKey}</span> is pinned only if a second scan through the
              gateway shows the same key.
            </>
          ) : (
            "Its host key could not be scanned: trust it on the host's page once it answers."
          )}
        </p>
      )}
      {saved && hasWarnings(saved.warnings) && (
        <SavedWithWarnings what={`host ${saved.host.hostname}`} href={`/hosts/${saved.host.id}`} />
      )}
      {saved && expectKey && trust.isPending && (
        <p role="status" className="text-sm text-slate-600">
          Host {saved.host.hostname} added; scanning its key again through the gateway…
        </p>
      )}
      {saved && trust.error && (
        <div role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Host {saved.host.hostname} was added, but its key was not pinned: {trust.error.message}{" "}
          <a href={`/hosts/${saved.host.id}`}>Open the host</a> to trust its key once it is checked.
        </div>
      )}
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-semibold">Host (Linux/KVM)</legend>
        <HostFields
          host={discovered ? prefilledHost(discovered) : undefined}
          fields={fields}
          warnings={saved?.warnings}
        />
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-semibold">Guest (Windows 2000 VM)</legend>
        <GuestFields prefix="guest." fields={fields} />
      </fieldset>
      {/* Once added, submitting again would only add it twice: the notice's link goes on. */}
      {!saved && <FormActions pending={create.isPending} pendingLabel="Adding…" label="Add host" />}
    </form>
  );
}

/** The host fields a discovery fills in; the rest start blank (bridge: the API's default, virbr0). */
function prefilledHost(p: EnrolPrefill) {
  const blank = { hostname: "", serial: "", sshUser: "" };
  return { ...blank, nicMac: p.nicMac ?? "", linkLocalIp: p.linkLocalIp ?? "", bridge: "virbr0", state: "enrolled" };
}

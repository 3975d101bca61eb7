"use client";

import { useState, type FormEvent } from "react";
import { apiPaths } from "@/app/_client/api-paths";
import { fieldErrorsOf } from "@/app/_client/api-error";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import type { EnrolmentTokenCreatedResponse } from "@/lib/domain/enrolment/enrolment-views";
import { FormAlert } from "../form/form-alert";
import { SubmitButton } from "../form/submit-button";
import { TextField } from "../form/text-field";
import { OneLiner } from "./one-liner";

type Props = {
  branchCode: string;
  /** Bind the token to this host: its enrolment replaces the host's hardware. */ hostId?: number;
};
type Input = {
  expiresInHours: number;
  expectedSerial?: string;
  hostname?: string;
  guestIp?: string;
  installFleetKey: boolean;
  hostId?: number;
};

const optional = (v: FormDataEntryValue | null) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/**
 * An admin creates a single-use enrolment token; the answer (the only time
 * the token is ever shown) is the one-liner to run as root on the new box,
 * and the same script to paste where there is no curl.
 */
export function EnrolmentTokenForm({ branchCode, hostId }: Props) {
  const [created, setCreated] = useState<EnrolmentTokenCreatedResponse | null>(null);
  const create = useApiMutation<Input, EnrolmentTokenCreatedResponse>({
    method: "POST",
    path: apiPaths.enrolmentTokens(branchCode),
    onSuccess: (out) => setCreated(out),
  });
  const errors = fieldErrorsOf(create.error);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      expiresInHours: Number(form.get("expiresInHours") || 24),
      expectedSerial: optional(form.get("expectedSerial")),
      hostname: hostId ? undefined : optional(form.get("hostname")),
      guestIp: hostId ? undefined : optional(form.get("guestIp")),
      installFleetKey: form.get("installFleetKey") === "on",
      hostId,
    });
  }
  if (created) return <OneLiner created={created} onDone={() => setCreated(null)} />;
  return (
    <form
      onSubmit={onSubmit}
      className="space-y-2"
      aria-label={hostId ? "One-liner for the new box" : "New enrolment token"}
    >
      <FormAlert error={create.error} />
      <div className="grid gap-2 sm:grid-cols-2">
        <TextField
          name="expiresInHours"
          label="Valid for (hours)"
          type="number"
          min={1}
          max={720}
          defaultValue={24}
          errors={errors.expiresInHours}
        />
        <TextField name="expectedSerial" label="Expected serial" hint="optional" mono errors={errors.expectedSerial} />
        {!hostId && (
          <>
            <TextField
              name="hostname"
              label="Hostname"
              hint="optional: the box's own name otherwise"
              mono
              errors={errors.hostname}
            />
            <TextField
              name="guestIp"
              label="Guest IP"
              hint="optional: the guest's address in the branch LAN"
              mono
              errors={errors.guestIp}
            />
          </>
        )}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="installFleetKey" />
        Install the fleet key for root
      </label>
      <SubmitButton label="Create one-liner" pendingLabel="Creating…" pending={create.isPending} />
    </form>
  );
}

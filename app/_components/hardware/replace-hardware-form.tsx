"use client";

import { useState, type FormEvent } from "react";
import { apiPaths } from "@/app/_client/api-paths";
import { fieldErrorsOf } from "@/app/_client/api-error";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";
import type { HardwareReplacedResponse } from "@/lib/domain/hardware/hardware-views";
import { FormAlert } from "../form/form-alert";
import { SubmitButton } from "../form/submit-button";
import { TextField } from "../form/text-field";
import { ApplyBranchButton } from "./apply-branch-button";

type Input = { serial: string; nicMac: string; bridge?: string; reason?: string };
type Props = { hostId: number; hostname: string; branchCode: string };

/**
 * "Replace hardware": same desktop, new box. Guest IP, guest MAC and
 * link-local stay; the old box goes to the history below and its key is
 * unpinned. Then: trust the new key, and push the rules with one click.
 */
export function ReplaceHardwareForm({ hostId, hostname, branchCode }: Props) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<HardwareReplacedResponse | null>(null);
  const replace = useApiMutation<Input, HardwareReplacedResponse>({
    method: "POST",
    path: apiPaths.hostHardware(hostId),
    onSuccess: (out) => {
      setDone(out);
      setOpen(false);
    },
  });
  const errors = fieldErrorsOf(replace.error);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    replace.mutate({
      serial: text("serial"),
      nicMac: text("nicMac"),
      ...(text("bridge") ? { bridge: text("bridge") } : {}),
      ...(text("reason") ? { reason: text("reason") } : {}),
    });
  }
  if (done)
    return (
      <div role="status" className="space-y-2 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
        <p>
          {"Hardware replaced: serial "}
          <span className="font-mono">{done.replaced.serial}</span>
          {` is now in the history. ${done.next}`}
        </p>
        <ApplyBranchButton branchCode={branchCode} />
      </div>
    );
  if (!open)
    return (
      <button type="button" className="btn btn-secondary" disabled={!hydrated} onClick={() => setOpen(true)}>
        Replace hardware
      </button>
    );
  return (
    <form
      onSubmit={onSubmit}
      className="space-y-2 rounded border border-slate-200 p-3"
      aria-label={`Replace ${hostname}'s hardware`}
    >
      <FormAlert error={replace.error} />
      <p className="text-xs text-slate-600">
        The guest IP, guest MAC and link-local address stay. The current key is unpinned.
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        <TextField name="serial" label="New serial" required mono errors={errors.serial} />
        <TextField name="nicMac" label="New NIC MAC" required mono errors={errors.nicMac} />
        <TextField name="bridge" label="Bridge" hint="optional: unchanged otherwise" mono errors={errors.bridge} />
        <TextField name="reason" label="Reason" hint="optional, e.g. RMA 4711" errors={errors.reason} />
      </div>
      <div className="flex gap-2">
        <SubmitButton label="Replace hardware" pendingLabel="Replacing…" pending={replace.isPending} />
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

"use client";

import type { QueryKey } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { queryKeys } from "@/app/_client/query-keys";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";
import { FormAlert } from "../form/form-alert";
import { TextField } from "../form/text-field";

type Props = {
  /** Words for the box: "host br-0042-h07", "gateway br-0042-gw". */
  what: string;
  /** POST /api/v1/hosts/{id}/host-key or /api/v1/branches/{code}/gateway/host-key. */
  path: string;
  invalidate?: QueryKey[];
};
type TrustInput = { fingerprint?: string };
type TrustOutput = { fingerprint: string; previous: string | null };

/**
 * "Trust host key", an operator action (audited): pin the fingerprint read on
 * the box's console, or scan the box now (hosts through their gateway) and pin
 * what it presents. Every later connection is refused unless the box shows
 * this key, so re-pinning is what an operator does after a reinstall.
 */
export function TrustHostKeyForm({ what, path, invalidate = [] }: Props) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const [fingerprint, setFingerprint] = useState("");
  const trust = useApiMutation<TrustInput, TrustOutput>({ method: "POST", path, invalidate: [...invalidate, queryKeys.audit()] });
  const scanning = trust.isPending && trust.variables?.fingerprint === undefined;

  const send = (input: TrustInput) => trust.mutate(input, { onSuccess: () => { setOpen(false); setFingerprint(""); } });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({ fingerprint: fingerprint.trim() });
  }

  return (
    <div className="space-y-2">
      {trust.data && !open && (
        <p role="status" className="text-sm text-emerald-800">
          {trust.variables?.fingerprint ? "Trusted the entered key" : "Scanned and trusted"} <span className="font-mono">{trust.data.fingerprint}</span>
          {trust.data.previous === trust.data.fingerprint && " (already the pinned key)"}
          {trust.data.previous && trust.data.previous !== trust.data.fingerprint && <>, replacing <span className="font-mono">{trust.data.previous}</span></>}.
        </p>
      )}
      {!open ? (
        <button type="button" className="btn btn-secondary" disabled={!hydrated} onClick={() => { trust.reset(); setOpen(true); }}>
          Trust host key
        </button>
      ) : (
        <form method="post" onSubmit={onSubmit} noValidate className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3" aria-label={`Trust the host key of ${what}`}>
          <FormAlert error={trust.error} />
          <TextField
            name="fingerprint"
            label="Fingerprint read on the console"
            hint="SHA256:… as `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` prints it. Or Scan: connect now and trust the key the box presents."
            placeholder="SHA256:"
            autoComplete="off"
            spellCheck={false}
            mono
            value={fingerprint}
            onChange={(e) => setFingerprint(e.target.value)}
            errors={trust.error?.field("fingerprint")}
          />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn btn-primary" disabled={trust.isPending || fingerprint.trim() === ""}>
              {trust.isPending && !scanning ? "Trusting…" : "Trust this fingerprint"}
            </button>
            <button type="button" className="btn btn-secondary" disabled={trust.isPending} onClick={() => send({})}>
              {scanning ? "Scanning…" : "Scan"}
            </button>
            <button type="button" className="btn btn-secondary" disabled={trust.isPending} onClick={() => { setOpen(false); trust.reset(); }}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

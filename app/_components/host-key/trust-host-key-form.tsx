"use client";

import type { QueryKey } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { auditQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";
import type { HostKeyTrustedResponse } from "@/lib/domain/host-keys/host-key-trusted";
import { FormAlert } from "../form/form-alert";
import { TextField } from "../form/text-field";

type Props = {
  /** Words for the box: "host br-0042-h07", "gateway br-0042-gw". */
  what: string;
  /** apiPaths.hostHostKey(id) or apiPaths.gatewayHostKey(code). */
  path: string;
  invalidate?: QueryKey[];
};
type TrustInput = { fingerprint?: string; expect?: string; scanOnly?: boolean };
type TrustOutput = HostKeyTrustedResponse;

/**
 * "Trust host key", an operator action (audited): pin the fingerprint read on
 * the box's console, or scan the box now (hosts through their gateway), look
 * at what it presents, and trust that (the second scan must show the same
 * key). Every later connection is refused unless the box shows the pinned
 * key, so re-pinning is what an operator does after a reinstall.
 */
export function TrustHostKeyForm({ what, path, invalidate = [] }: Props) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const [fingerprint, setFingerprint] = useState("");
  const trust = useApiMutation<TrustInput, TrustOutput>({
    method: "POST",
    path,
    invalidate: [...invalidate, auditQuery().queryKey],
  });
  const scan = useApiMutation<TrustInput, TrustOutput>({ method: "POST", path });
  const seen = scan.data && !scan.data.pinned ? scan.data : null;
  const busy = trust.isPending || scan.isPending;

  const close = () => {
    setOpen(false);
    setFingerprint("");
    scan.reset();
  };
  const send = (input: TrustInput) => trust.mutate(input, { onSuccess: close });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({ fingerprint: fingerprint.trim() });
  }

  return (
    <div className="space-y-2">
      {trust.data && !open && (
        <p role="status" className="text-sm text-emerald-800">
          {trust.variables?.fingerprint ? "Trusted the entered key" : "Scanned and trusted"}{" "}
          <span className="font-mono">{trust.data.fingerprint}</span>
          {trust.data.previous === trust.data.fingerprint && " (already the pinned key)"}
          {trust.data.previous && trust.data.previous !== trust.data.fingerprint && (
            <>
              , replacing <span className="font-mono">{trust.data.previous}</span>
            </>
          )}
          .
        </p>
      )}
      {!open ? (
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!hydrated}
          onClick={() => {
            trust.reset();
            scan.reset();
            setOpen(true);
          }}
        >
          Trust host key
        </button>
      ) : seen ? (
        <div
          role="group"
          className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3"
          aria-label={`Key presented by ${what}`}
        >
          <FormAlert error={trust.error} />
          <p className="text-sm">
            {what} presents{" "}
            <span className="font-mono" data-testid="scanned-fingerprint">
              {seen.fingerprint}
            </span>
            {seen.previous === null && ": no key is pinned yet."}
            {seen.previous === seen.fingerprint && ": the key already pinned."}
            {seen.previous && seen.previous !== seen.fingerprint && (
              <>
                , but <span className="font-mono">{seen.previous}</span> is pinned: trust the new key only if the box
                was reinstalled.
              </>
            )}
          </p>
          <p className="text-xs text-slate-600">
            Compare it with the console (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`) before trusting it.
          </p>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => send({ expect: seen.fingerprint })}
            >
              {trust.isPending ? "Trusting…" : "Trust this key"}
            </button>
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <form
          method="post"
          onSubmit={onSubmit}
          noValidate
          className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3"
          aria-label={`Trust the host key of ${what}`}
        >
          <FormAlert error={trust.error ?? scan.error} />
          <TextField
            name="fingerprint"
            label="Fingerprint read on the console"
            hint={
              "SHA256:… as `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` prints it. Or Scan: " +
              "connect now and see the key the box presents before trusting it."
            }
            placeholder="SHA256:"
            autoComplete="off"
            spellCheck={false}
            mono
            value={fingerprint}
            onChange={(e) => setFingerprint(e.target.value)}
            errors={trust.error?.field("fingerprint")}
          />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn btn-primary" disabled={busy || fingerprint.trim() === ""}>
              {trust.isPending ? "Trusting…" : "Trust this fingerprint"}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={busy}
              onClick={() => {
                trust.reset();
                scan.mutate({ scanOnly: true });
              }}
            >
              {scan.isPending ? "Scanning…" : "Scan"}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={busy}
              onClick={() => {
                close();
                trust.reset();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

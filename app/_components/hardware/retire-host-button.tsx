"use client";

import Link from "next/link";
import { useState } from "react";
import { apiPaths } from "@/app/_client/api-paths";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";
import type { HostRetiredResponse } from "@/lib/domain/hardware/hardware-views";
import { ConfirmDialog } from "../confirm-dialog";

type Props = { hostId: number; hostname: string; branchCode: string; coolingDays: number };

/** Retire (admin): confirm, then the host is retired, its addresses held, and the branch rollout starts. */
export function RetireHostButton({ hostId, hostname, branchCode, coolingDays }: Props) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const retire = useApiMutation<{ rollout: boolean }, HostRetiredResponse>({
    method: "POST",
    path: apiPaths.retireHost(hostId),
    onSuccess: () => setOpen(false),
  });
  const done = retire.data;
  return (
    <>
      {done ? (
        <p role="status" className="text-sm">
          Retired.{" "}
          {done.rollout ? (
            <Link href={`/rollouts/${done.rollout.id}`}>Rollout #{done.rollout.id} removes its rules</Link>
          ) : (
            done.rolloutError
          )}
        </p>
      ) : (
        <button type="button" className="btn btn-danger" disabled={!hydrated} onClick={() => setOpen(true)}>
          Retire
        </button>
      )}
      <ConfirmDialog
        open={open}
        title={`Retire ${hostname}?`}
        confirmLabel="Retire host"
        pendingLabel="Retiring…"
        pending={retire.isPending}
        error={retire.error}
        onConfirm={() => retire.mutate({ rollout: true })}
        onCancel={() => setOpen(false)}
      >
        <p className="text-sm">
          A rollout of {branchCode} removes its rules from the gateway. Its link-local address and guest MAC are held
          for {coolingDays} days before anyone may reuse them.
        </p>
      </ConfirmDialog>
    </>
  );
}

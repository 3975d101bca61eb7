"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiPaths } from "@/app/_client/api-paths";
import { apiTokensQuery, auditQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";
import type { ApiTokenView } from "@/lib/domain/tokens/token-views";
import { ConfirmDialog } from "../confirm-dialog";

const when = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : "—");

/** Tokens with their last use; revoking asks first. Admins see everyone's, with the owner. */
export function TokensTable({ showOwner }: { showOwner: boolean }) {
  const { data } = useQuery(apiTokensQuery());
  const tokens = data?.tokens ?? [];
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  return (
    <section className="card overflow-x-auto" aria-label="API tokens">
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">No tokens yet.</p>
      ) : (
        <table className="data-table">
          <caption className="sr-only">API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              {showOwner && <th scope="col">Owner</th>}
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Last address</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} data-testid="token-row">
                <td>
                  {t.name}
                  <div className="font-mono text-xs text-slate-600">{t.hint}</div>
                </td>
                {showOwner && <td>{t.owner ? t.owner.username : <em>service</em>}</td>}
                <td>{t.role}</td>
                <td>{when(t.createdAt)}</td>
                <td>{t.expiresAt ? when(t.expiresAt) : "never"}</td>
                <td>{t.lastUsedAt ? when(t.lastUsedAt) : "never"}</td>
                <td className="font-mono">{t.lastClientAddress ?? "—"}</td>
                <td>{t.state}</td>
                <td>{t.state === "active" && <RevokeButton token={t} onAsk={() => setRevoking(t)} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoking && <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />}
    </section>
  );
}

function RevokeButton({ token, onAsk }: { token: ApiTokenView; onAsk: () => void }) {
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className="btn btn-secondary text-red-700"
      disabled={!hydrated}
      onClick={onAsk}
      aria-label={`Revoke token ${token.name}`}
    >
      Revoke
    </button>
  );
}

function RevokeDialog({ token, onClose }: { token: ApiTokenView; onClose: () => void }) {
  const revoke = useApiMutation<void>({
    method: "DELETE",
    path: apiPaths.apiToken(token.id),
    invalidate: [apiTokensQuery().queryKey, auditQuery().queryKey],
    onSuccess: onClose,
  });
  return (
    <ConfirmDialog
      open
      title={`Revoke token ${token.name}?`}
      confirmLabel="Revoke"
      pendingLabel="Revoking…"
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => revoke.mutate()}
      onCancel={onClose}
    >
      <p className="text-sm">
        Every request with it is refused from now on (401). Scripts using it stop working. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}

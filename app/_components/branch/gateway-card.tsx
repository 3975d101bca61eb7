import Link from "next/link";
import { apiPaths } from "@/app/_client/api-paths";
import { branchesQuery, branchQuery } from "@/app/_client/api-queries";
import type { BranchWithGateway } from "@/lib/domain/inventory/inventory-views";
import { DefinitionList } from "../definition-list";
import { ConfirmDeleteButton } from "../confirm-delete-button";
import { TrustHostKeyForm } from "../host-key/trust-host-key-form";
import { OpenTerminalActions } from "../terminal/open-terminal-actions";

/** The branch gateway: where head office's SSH enters and where the SNAT rules live. */
export function GatewayCard({
  branch,
  canEdit,
  canTrust,
}: {
  branch: BranchWithGateway;
  canEdit: boolean;
  canTrust: boolean;
}) {
  const gw = branch.gateway;
  const base = `/branches/${encodeURIComponent(branch.code)}`;
  return (
    <section className="card space-y-3" aria-labelledby="gateway-heading">
      <div className="flex min-h-7 items-center justify-between">
        <h2 id="gateway-heading" className="text-sm font-semibold">
          Gateway
        </h2>
        <div className="flex gap-2">
          {canTrust && gw && <OpenTerminalActions box={`gateway:${gw.id}`} viaGateway={false} />}
          {canEdit && (
            <Link href={`${base}/gateway`} className="btn btn-secondary hover:no-underline">
              {gw ? "Edit gateway" : "Add gateway"}
            </Link>
          )}
        </div>
      </div>
      {gw ? (
        <DefinitionList
          items={[
            { label: "Hostname", value: gw.hostname, mono: true },
            { label: "SSH", value: `${gw.sshUser}@${gw.sshAddress}:${gw.sshPort}`, mono: true },
            { label: "LAN interface", value: gw.lanIfname, mono: true },
            { label: "LAN address", value: gw.lanIp, mono: true },
            { label: "Link-local address", value: branch.gatewayLinkLocalIp, mono: true },
            {
              label: "Host key",
              value: gw.hostKeyFingerprint ?? <span className="text-slate-500">not trusted yet</span>,
              mono: true,
            },
          ]}
        />
      ) : (
        <p className="text-sm text-slate-500">
          No gateway yet: hosts cannot be reached from head office until one is added.
        </p>
      )}
      {canTrust && gw && (
        <TrustHostKeyForm
          what={`gateway ${gw.hostname}`}
          path={apiPaths.gatewayHostKey(branch.code)}
          invalidate={[branchQuery(branch.code).queryKey, branchesQuery().queryKey]}
        />
      )}
      {canEdit && gw && <ConfirmDeleteButton what={`gateway ${gw.hostname}`} path={apiPaths.gateway(branch.code)} />}
    </section>
  );
}

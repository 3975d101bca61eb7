import { apiPaths } from "@/app/_client/api-paths";
import { branchQuery, hostQuery } from "@/app/_client/api-queries";
import type { HostView } from "@/lib/domain/inventory/inventory-views";
import { DefinitionList } from "../definition-list";
import { TrustHostKeyForm } from "../host-key/trust-host-key-form";
import { HostStateBadge } from "./host-state-badge";

/** The host side: reachable only on link-local, through the branch gateway. */
export function HostCard({
  host,
  gatewayLinkLocalIp,
  canTrust,
}: {
  host: HostView;
  gatewayLinkLocalIp: string;
  canTrust: boolean;
}) {
  return (
    <section className="card space-y-3" aria-labelledby="host-heading">
      <div className="flex min-h-7 items-center">
        <h2 id="host-heading" className="text-sm font-semibold">
          Host
        </h2>
      </div>
      <DefinitionList
        items={[
          { label: "State", value: <HostStateBadge state={host.state} /> },
          { label: "Serial / asset tag", value: host.serial, mono: true },
          { label: "NIC MAC", value: host.nicMac, mono: true },
          { label: "Bridge", value: host.bridge, mono: true },
          { label: "Link-local address", value: host.linkLocalIp, mono: true },
          { label: "Via gateway", value: gatewayLinkLocalIp, mono: true },
          { label: "SSH user", value: host.sshUser, mono: true },
          {
            label: "Host key",
            value: host.hostKeyFingerprint ?? <span className="text-slate-500">not trusted yet</span>,
            mono: true,
          },
        ]}
      />
      {canTrust && (
        <TrustHostKeyForm
          what={`host ${host.hostname}`}
          path={apiPaths.hostHostKey(host.id)}
          invalidate={[hostQuery(host.id).queryKey, branchQuery(host.branchCode).queryKey]}
        />
      )}
    </section>
  );
}

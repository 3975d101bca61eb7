import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { ConfirmDeleteButton } from "@/app/_components/confirm-delete-button";
import { HostCard } from "@/app/_components/host/host-card";
import { GuestCard } from "@/app/_components/host/guest-card";
import { PageHeader } from "@/app/_components/page-header";
import { apiPaths } from "@/app/_client/api-paths";
import { branchesQuery, branchQuery } from "@/app/_client/api-queries";
import { roleAllows } from "@/lib/domain/role";
import { getHost } from "@/lib/server/inventory/get-host";
import { parseHostId } from "@/lib/server/inventory/find-host";
import { orNotFound } from "../../_lib/or-not-found";

export const metadata: Metadata = { title: "Host" };

/** One Linux/KVM host and its Windows guest. */
export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guard("viewer", "page");
  const { id } = await params;
  const { host, branch } = await orNotFound(async () => getHost(parseHostId(id)));
  const canEdit = roleAllows(actor.role, "admin");
  const branchPath = `/branches/${encodeURIComponent(branch.code)}`;
  return (
    <>
      <PageHeader
        title={<span className="font-mono">{host.hostname}</span>}
        context={
          <>
            <Link href="/">Fleet</Link> / <Link href={branchPath}>{branch.code}</Link> / host
          </>
        }
        actions={
          canEdit && (
            <>
              <Link href={`/hosts/${host.id}/edit`} className="btn btn-primary hover:no-underline">
                Edit host
              </Link>
              <ConfirmDeleteButton
                what={`host ${host.hostname}`}
                path={apiPaths.host(host.id)}
                invalidate={[branchQuery(branch.code).queryKey, branchesQuery().queryKey]}
                redirectTo={branchPath}
              />
            </>
          )
        }
      />
      <div className="grid gap-4 md:grid-cols-2">
        <HostCard
          host={host}
          gatewayLinkLocalIp={branch.gatewayLinkLocalIp}
          canTrust={roleAllows(actor.role, "operator")}
        />
        <GuestCard host={host} canEdit={canEdit} />
      </div>
      <p className="mt-4 text-sm">
        <Link href={`/audit?entityType=host&entityId=${host.id}`}>Audit events for this host</Link>
      </p>
    </>
  );
}

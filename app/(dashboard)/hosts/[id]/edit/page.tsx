import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { ConfirmDeleteButton } from "@/app/_components/confirm-delete-button";
import { EditHostForm } from "@/app/_components/host/edit-host-form";
import { GuestForm } from "@/app/_components/host/guest-form";
import { PageHeader } from "@/app/_components/page-header";
import { apiPaths } from "@/app/_client/api-paths";
import { branchQuery, hostQuery } from "@/app/_client/api-queries";
import { getHost } from "@/lib/server/inventory/get-host";
import { parseHostId } from "@/lib/server/inventory/find-host";
import { orNotFound } from "../../../_lib/or-not-found";

export const metadata: Metadata = { title: "Edit host" };

/** The host's settings and its guest, each saved by its own request (PATCH host, PUT guest). */
export default async function EditHostPage({ params }: { params: Promise<{ id: string }> }) {
  await guard("admin", "page");
  const { id } = await params;
  const { host, branch } = await orNotFound(async () => getHost(parseHostId(id)));
  return (
    <>
      <PageHeader
        title={
          <>
            Edit <span className="font-mono">{host.hostname}</span>
          </>
        }
        context={
          <>
            <Link href="/">Fleet</Link> /{" "}
            <Link href={`/branches/${encodeURIComponent(branch.code)}`}>{branch.code}</Link> /{" "}
            <Link href={`/hosts/${host.id}`}>{host.hostname}</Link>
          </>
        }
      />
      <div className="space-y-6">
        <section aria-labelledby="edit-host-heading" className="space-y-2">
          <h2 id="edit-host-heading" className="text-sm font-semibold">
            Host
          </h2>
          <EditHostForm hostId={host.id} branchCode={branch.code} host={host} />
        </section>
        <section id="guest" aria-labelledby="edit-guest-heading" className="space-y-2">
          <h2 id="edit-guest-heading" className="text-sm font-semibold">
            Guest — IP inside <span className="font-mono">{branch.lanCidr}</span>
          </h2>
          <GuestForm hostId={host.id} branchCode={branch.code} guest={host.guest} />
          {host.guest && (
            <ConfirmDeleteButton
              what={`guest ${host.guest.name}`}
              path={apiPaths.guest(host.id)}
              invalidate={[hostQuery(host.id).queryKey, branchQuery(branch.code).queryKey]}
            />
          )}
        </section>
      </div>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { ConfirmDeleteButton } from "@/app/_components/confirm-delete-button";
import { BoxHealthPanel } from "@/app/_components/health/box-health-panel";
import { HostCard } from "@/app/_components/host/host-card";
import { GuestCard } from "@/app/_components/host/guest-card";
import { PageHeader } from "@/app/_components/page-header";
import { EnrolmentTokenForm } from "@/app/_components/enrolment/enrolment-token-form";
import { HardwareHistory } from "@/app/_components/hardware/hardware-history";
import { ReplaceHardwareForm } from "@/app/_components/hardware/replace-hardware-form";
import { RetireHostButton } from "@/app/_components/hardware/retire-host-button";
import { coolingOffDays } from "@/lib/server/hardware/cooling-off-days";
import { getHostLifecycle } from "@/lib/server/hardware/get-host-lifecycle";
import { apiPaths } from "@/app/_client/api-paths";
import { branchesQuery, branchQuery, terminalSessionsQuery } from "@/app/_client/api-queries";
import { seed, SeededQueries } from "@/app/_components/seeded-queries";
import { OpenTerminalActions } from "@/app/_components/terminal/open-terminal-actions";
import { SshAccessPanel } from "@/app/_components/terminal/ssh-access-panel";
import { TerminalSessionsTable } from "@/app/_components/terminal/terminal-sessions-table";
import { ZTerminalSessionQuery } from "@/lib/domain/terminal/terminal-session-views";
import { listTerminalSessions } from "@/lib/server/terminal/list-terminal-sessions";
import { roleAllows } from "@/lib/domain/role";
import { getHost } from "@/lib/server/inventory/get-host";
import { parseHostId } from "@/lib/server/inventory/find-host";
import { orNotFound } from "../../_lib/or-not-found";

export const metadata: Metadata = { title: "Host" };

/** The host page's terminal sessions, newest first; the sessions page has the rest. */
const RECENT_SESSIONS = 10;

/** One Linux/KVM host and its Windows guest. */
export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guard("viewer", "page");
  const { id } = await params;
  const { host, branch } = await orNotFound(async () => getHost(parseHostId(id)));
  const canEdit = roleAllows(actor.role, "admin");
  const canOperate = roleAllows(actor.role, "operator");
  const sessionFilters = { box: `host:${host.id}` };
  const sessions = await listTerminalSessions(
    ZTerminalSessionQuery.parse({ ...sessionFilters, limit: RECENT_SESSIONS }),
  );
  const sessionPages = { pages: [sessions], pageParams: [null] };
  const branchPath = `/branches/${encodeURIComponent(branch.code)}`;
  const lifecycle = await getHostLifecycle(host.id);
  const live = host.state !== "retired";
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
          (canOperate || canEdit) && (
            <>
              {canOperate && <OpenTerminalActions box={`host:${host.id}`} viaGateway shortcut />}
              {canEdit && (
                <Link href={`/hosts/${host.id}/edit`} className="btn btn-secondary hover:no-underline">
                  Edit host
                </Link>
              )}
              {canEdit && (
                <ConfirmDeleteButton
                  what={`host ${host.hostname}`}
                  path={apiPaths.host(host.id)}
                  invalidate={[branchQuery(branch.code).queryKey, branchesQuery().queryKey]}
                  redirectTo={branchPath}
                />
              )}
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
      <div className="mt-4">
        <BoxHealthPanel box={`host:${host.id}`} canOperate={canOperate} rulesHref={`${branchPath}#rules-heading`} />
      </div>
      {canOperate && (
        <div className="mt-4">
          <SshAccessPanel box={{ kind: "host", id: host.id }} />
        </div>
      )}
      <section aria-labelledby="host-sessions-heading" className="mt-4 space-y-2">
        <div className="flex items-baseline gap-3">
          <h2 id="host-sessions-heading" className="text-sm font-semibold">
            Terminal sessions
          </h2>
          <Link href={`/sessions?box=host:${host.id}`} className="text-xs">
            All sessions on this host
          </Link>
        </div>
        <SeededQueries seeds={[seed(terminalSessionsQuery(sessionFilters, RECENT_SESSIONS), sessionPages)]}>
          <TerminalSessionsTable
            filters={sessionFilters}
            limit={RECENT_SESSIONS}
            label={`Terminal sessions on ${host.hostname}`}
            showBox={false}
          />
        </SeededQueries>
      </section>
      {canEdit && live && (
        <section aria-labelledby="lifecycle-heading" className="mt-4 space-y-2">
          <h2 id="lifecycle-heading" className="text-sm font-semibold">
            Replace or retire
          </h2>
          <div className="flex flex-wrap items-start gap-2">
            <ReplaceHardwareForm hostId={host.id} hostname={host.hostname} branchCode={branch.code} />
            <RetireHostButton
              hostId={host.id}
              hostname={host.hostname}
              branchCode={branch.code}
              coolingDays={coolingOffDays()}
            />
          </div>
          <details>
            <summary className="cursor-pointer text-sm">Replace with a one-liner on the new box</summary>
            <div className="mt-2">
              <EnrolmentTokenForm branchCode={branch.code} hostId={host.id} />
            </div>
          </details>
        </section>
      )}
      <HardwareHistory lifecycle={lifecycle} />
      <p className="mt-4 text-sm">
        <Link href={`/audit?entityType=host&entityId=${host.id}`}>Audit events for this host</Link>
      </p>
    </>
  );
}

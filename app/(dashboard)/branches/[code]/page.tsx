import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { BranchCard } from "@/app/_components/branch/branch-card";
import { DiscoverPanel } from "@/app/_components/branch/discover-panel";
import { GatewayCard } from "@/app/_components/branch/gateway-card";
import { HostsTable } from "@/app/_components/branch/hosts-table";
import { BoxHealthPanel } from "@/app/_components/health/box-health-panel";
import { AdoptHandMadeRules } from "@/app/_components/nat-audit/adopt-hand-made-rules";
import { RunNatAuditButton } from "@/app/_components/nat-audit/run-nat-audit-button";
import { ConfirmDeleteButton } from "@/app/_components/confirm-delete-button";
import { EnrolmentSection } from "@/app/_components/enrolment/enrolment-section";
import { PageHeader } from "@/app/_components/page-header";
import { RolloutsTable } from "@/app/_components/rollout/rollouts-table";
import { RulesPanel } from "@/app/_components/rollout/rules-panel";
import { BranchTerminalSection } from "@/app/_components/terminal/branch-terminal-section";
import { seed, SeededQueries } from "@/app/_components/seeded-queries";
import { apiPaths, withSearch } from "@/app/_client/api-paths";
import { branchesQuery, branchQuery, rolloutsQuery } from "@/app/_client/api-queries";
import { roleAllows } from "@/lib/domain/role";
import { getBranch } from "@/lib/server/inventory/get-branch";
import { listEnrolmentTokens } from "@/lib/server/enrolment/list-enrolment-tokens";
import { listRollouts } from "@/lib/server/rollouts/list-rollouts";
import { listAdoptionBoxes } from "@/lib/server/nat-audit/list-adoption-boxes";
import { ZTerminalSessionQuery } from "@/lib/domain/terminal/terminal-session-views";
import { branchKnownHosts } from "@/lib/server/terminal/branch-known-hosts";
import { listTerminalSessions } from "@/lib/server/terminal/list-terminal-sessions";
import { orNotFound } from "../../_lib/or-not-found";

type Params = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: decodeURIComponent((await params).code).toUpperCase() };
}

/** The branch page's "recent rollouts": enough to see what happened lately; the history page has the rest. */
const RECENT_ROLLOUTS = 10;
/** The gateway's recent terminal sessions; the sessions page has the rest. */
const RECENT_SESSIONS = 10;

/** One branch: its addressing, its gateway, its rules (preview, apply, recent rollouts) and its hosts. */
export default async function BranchPage({ params }: Params) {
  const actor = await guard("viewer", "page");
  const { code } = await params;
  const detail = await orNotFound(() => getBranch(decodeURIComponent(code)));
  const { branch, hosts } = detail;
  const canEdit = roleAllows(actor.role, "admin");
  const canApply = roleAllows(actor.role, "operator");
  const base = `/branches/${encodeURIComponent(branch.code)}`;
  const rolloutParams = { branch: branch.code, limit: String(RECENT_ROLLOUTS) };
  const recent = await listRollouts({ branchCode: branch.code, limit: RECENT_ROLLOUTS });
  const knownHosts = await branchKnownHosts(branch.code);
  const enrolmentTokens = canEdit ? await listEnrolmentTokens(branch.code) : [];
  // "Adopt hand-made rules" over the branch (issue 13): operators only, as the API; offered when a latest
  // audit found hand-made rules (as on a box's Audit tab).
  const adoption = canApply ? await listAdoptionBoxes(branch.code) : null;
  const gatewaySessions = branch.gateway
    ? await listTerminalSessions(
        ZTerminalSessionQuery.parse({ box: `gateway:${branch.gateway.id}`, limit: RECENT_SESSIONS }),
      )
    : null;

  return (
    <>
      <PageHeader
        title={<span className="font-mono">{branch.code}</span>}
        context={
          <>
            <Link href="/">Fleet</Link> / {branch.region} / {branch.name}
          </>
        }
        actions={
          <>
            <a
              href={withSearch(apiPaths.exportCsv(), { branch: branch.code })}
              download
              className="btn btn-secondary hover:no-underline"
            >
              Export CSV
            </a>
            {branch.gateway && (
              <Link
                href={`/nat-audit/box/gateway:${branch.gateway.id}`}
                className="btn btn-secondary hover:no-underline"
              >
                Gateway NAT audit
              </Link>
            )}
            {canEdit && (
              <>
                <Link href={`${base}/hosts/new`} className="btn btn-primary hover:no-underline">
                  Add host
                </Link>
                <Link href={`${base}/edit`} className="btn btn-secondary hover:no-underline">
                  Edit branch
                </Link>
                <ConfirmDeleteButton
                  what={`branch ${branch.code}`}
                  path={apiPaths.branch(branch.code)}
                  invalidate={[branchesQuery().queryKey]}
                  redirectTo="/"
                />
              </>
            )}
          </>
        }
      />
      <div className="mb-4 grid gap-4 md:grid-cols-2">
        <BranchCard branch={branch} hostCount={hosts.length} />
        <GatewayCard branch={branch} canEdit={canEdit} canTrust={canApply} />
      </div>
      {branch.gateway && (
        <div className="mb-4">
          <BoxHealthPanel
            box={`gateway:${branch.gateway.id}`}
            canOperate={canApply}
            rulesHref={`${base}#rules-heading`}
          />
        </div>
      )}
      <BranchTerminalSection
        branchCode={branch.code}
        gatewayId={branch.gateway?.id ?? null}
        canOperate={canApply}
        knownHosts={knownHosts}
        gatewaySessions={gatewaySessions}
        limit={RECENT_SESSIONS}
      />
      <div className="mb-4 space-y-3">
        <RulesPanel branchCode={branch.code} canApply={canApply} />
        <section aria-labelledby="recent-rollouts-heading" className="space-y-2">
          <div className="flex items-baseline gap-3">
            <h2 id="recent-rollouts-heading" className="text-sm font-semibold">
              Recent rollouts
            </h2>
            <Link href="/rollouts" className="text-xs">
              All rollouts
            </Link>
          </div>
          <SeededQueries seeds={[seed(rolloutsQuery(rolloutParams), recent)]}>
            <RolloutsTable params={rolloutParams} label={`Recent rollouts of ${branch.code}`} showBranches={false} />
          </SeededQueries>
        </section>
      </div>
      {adoption && adoption.boxes.some((b) => b.handMade > 0) && (
        <section aria-labelledby="adopt-heading" className="mb-4 space-y-2">
          <div className="flex flex-wrap items-baseline gap-3">
            <h2 id="adopt-heading" className="text-sm font-semibold">
              Adopt hand-made rules
            </h2>
            {adoption.skipped.length > 0 && (
              <RunNatAuditButton target={{ branch: branch.code }} label={`Audit ${branch.code} now`} />
            )}
          </div>
          <AdoptHandMadeRules boxes={adoption.boxes.map((b) => b.box)} label={branch.code} skipped={adoption.skipped} />
        </section>
      )}
      {canEdit && <EnrolmentSection branchCode={branch.code} tokens={enrolmentTokens} />}
      <section aria-labelledby="hosts-heading" className="space-y-2">
        <h2 id="hosts-heading" className="text-sm font-semibold">
          Hosts
        </h2>
        <SeededQueries seeds={[seed(branchQuery(branch.code), detail)]}>
          <HostsTable branchCode={branch.code} />
        </SeededQueries>
      </section>
      {canApply && (
        <div className="mt-4">
          <DiscoverPanel branchCode={branch.code} canEnrol={canEdit} />
        </div>
      )}
    </>
  );
}

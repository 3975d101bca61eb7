import Link from "next/link";
import { knownHostsQuery, terminalSessionsQuery } from "@/app/_client/api-queries";
import type { KnownHostsResponse } from "@/lib/domain/terminal/ssh-access-views";
import type { TerminalSessionListResponse } from "@/lib/domain/terminal/terminal-session-views";
import { seed, SeededQueries } from "../seeded-queries";
import { CopyButton } from "./copy-button";
import { SshAccessPanel } from "./ssh-access-panel";
import { TerminalSessionsTable } from "./terminal-sessions-table";

/** The branch page's terminal part: ssh lines for the gateway, the branch's known_hosts, the gateway's sessions. */
export function BranchTerminalSection({
  branchCode,
  gatewayId,
  canOperate,
  knownHosts,
  gatewaySessions,
  limit,
}: {
  branchCode: string;
  gatewayId: number | null;
  canOperate: boolean;
  knownHosts: KnownHostsResponse;
  gatewaySessions: TerminalSessionListResponse | null;
  limit: number;
}) {
  const filters = gatewayId ? { box: `gateway:${gatewayId}` } : null;
  return (
    <div className="mb-4 space-y-3">
      {canOperate && gatewayId && <SshAccessPanel box={{ kind: "gateway", branchCode }} />}
      <section className="card space-y-2" aria-labelledby="known-hosts-heading">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="known-hosts-heading" className="text-sm font-semibold">
            known_hosts for {branchCode}
          </h2>
          <CopyButton text={knownHosts.text} label="Copy known_hosts" testId="copy-known-hosts" />
        </div>
        <details>
          <summary className="cursor-pointer text-sm text-slate-700">
            The pinned keys of the gateway and hosts, filed under their hostnames
          </summary>
          <pre tabIndex={0} className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs" data-testid="known-hosts">
            {knownHosts.text}
          </pre>
        </details>
      </section>
      {filters && gatewaySessions && (
        <section aria-labelledby="gateway-sessions-heading" className="space-y-2">
          <div className="flex items-baseline gap-3">
            <h2 id="gateway-sessions-heading" className="text-sm font-semibold">
              Terminal sessions on the gateway
            </h2>
            <Link href={`/sessions?box=${filters.box}`} className="text-xs">
              All sessions on the gateway
            </Link>
          </div>
          <SeededQueries
            seeds={[
              seed(terminalSessionsQuery(filters, limit), { pages: [gatewaySessions], pageParams: [null] }),
              seed(knownHostsQuery(branchCode), knownHosts),
            ]}
          >
            <TerminalSessionsTable
              filters={filters}
              limit={limit}
              label={`Terminal sessions on the gateway of ${branchCode}`}
              showBox={false}
            />
          </SeededQueries>
        </section>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { terminalSessionsQuery } from "@/app/_client/api-queries";
import { PageHeader } from "@/app/_components/page-header";
import { seed, SeededQueries } from "@/app/_components/seeded-queries";
import { TerminalSessionFilters } from "@/app/_components/terminal/terminal-session-filters";
import { TerminalSessionsTable } from "@/app/_components/terminal/terminal-sessions-table";
import { ZTerminalSessionQuery } from "@/lib/domain/terminal/terminal-session-views";
import { listTerminalSessions } from "@/lib/server/terminal/list-terminal-sessions";
import { firstValues, type SearchParams } from "../_lib/search-params";

export const metadata: Metadata = { title: "Terminal sessions" };

const PAGE_SIZE = 50;

/** Every web and CLI terminal session, fleet-wide, newest first; each replays in the browser. */
export default async function SessionsPage({ searchParams }: { searchParams: SearchParams }) {
  await guard("viewer", "page");
  const raw = firstValues(await searchParams);
  const filters = { user: raw.user?.trim() ?? "", box: raw.box?.trim() ?? "", open: raw.open ?? "" };
  // A filter that does not parse is dropped (and shown as typed), rather than failing the page.
  const apiFilters = Object.fromEntries(
    Object.entries(filters).filter(([k, v]) => v !== "" && ZTerminalSessionQuery.safeParse({ [k]: v }).success),
  );
  const firstPage = await listTerminalSessions(ZTerminalSessionQuery.parse({ ...apiFilters, limit: PAGE_SIZE }));
  const pages = { pages: [firstPage], pageParams: [null] };
  return (
    <>
      <PageHeader title="Terminal sessions" context="Every web and CLI terminal session on hosts and gateways" />
      <div className="space-y-3">
        <TerminalSessionFilters filters={filters} />
        <SeededQueries seeds={[seed(terminalSessionsQuery(apiFilters, PAGE_SIZE), pages)]}>
          <TerminalSessionsTable filters={apiFilters} limit={PAGE_SIZE} label="Terminal sessions" />
        </SeededQueries>
      </div>
    </>
  );
}

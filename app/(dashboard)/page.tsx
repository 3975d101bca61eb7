import type { Metadata } from "next";
import Link from "next/link";
import { guard } from "@/app/_server/guard";
import { apiPaths } from "@/app/_client/api-paths";
import { branchesQuery } from "@/app/_client/api-queries";
import { FleetView } from "@/app/_components/fleet/fleet-view";
import { fleetParams, type FleetFilters } from "@/app/_components/fleet/fleet-filters";
import { PageHeader } from "@/app/_components/page-header";
import { seed, SeededQueries } from "@/app/_components/seeded-queries";
import { ZBranchListQuery } from "@/lib/domain/inventory/branch-input";
import { roleAllows } from "@/lib/domain/role";
import { listBranches } from "@/lib/server/inventory/list-branches";
import { firstValues, type SearchParams } from "./_lib/search-params";

export const metadata: Metadata = { title: "Fleet" };

/** Fleet overview: every branch with its gateway and host count; operators apply rules to some or all. */
export default async function FleetPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guard("viewer", "page");
  const parsed = ZBranchListQuery.safeParse(firstValues(await searchParams));
  // A hand-edited URL with a bad sort key shows the default view rather than an error.
  const query = parsed.success ? parsed.data : ZBranchListQuery.parse({});
  const filters: FleetFilters = { q: query.q ?? "", region: query.region ?? "", sort: query.sort, dir: query.dir };
  const everything = await listBranches(ZBranchListQuery.parse({}));
  const branches =
    filters.q || filters.region || query.sort !== "code" || query.dir !== "asc"
      ? await listBranches(query)
      : everything;
  const regions = [...new Set(everything.map((b) => b.region))].sort((a, b) => a.localeCompare(b));
  const hostCount = everything.reduce((n, b) => n + b.hostCount, 0);

  return (
    <>
      <PageHeader
        title="Fleet"
        context={`${everything.length} branches, ${hostCount} hosts`}
        actions={
          <>
            <a href={apiPaths.exportCsv()} download className="btn btn-secondary hover:no-underline">
              Export CSV
            </a>
            <a href={apiPaths.exportJson()} download className="btn btn-secondary hover:no-underline">
              Export JSON
            </a>
            {roleAllows(actor.role, "admin") && (
              <>
                <Link href="/import" className="btn btn-secondary hover:no-underline">
                  Import
                </Link>
                <Link href="/branches/new" className="btn btn-primary hover:no-underline">
                  New branch
                </Link>
              </>
            )}
          </>
        }
      />
      <SeededQueries seeds={[seed(branchesQuery(fleetParams(filters)), { branches })]}>
        <FleetView
          initialFilters={filters}
          regions={regions}
          allCodes={everything.map((b) => b.code)}
          canApply={roleAllows(actor.role, "operator")}
        />
      </SeededQueries>
    </>
  );
}

import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { healthRowsQuery, parseHealthFilters } from "@/app/_components/health/health-filters";
import { fleetHealthQuery } from "@/app/_components/health/health-queries";
import { HealthView } from "@/app/_components/health/health-view";
import { seed, SeededQueries } from "@/app/_components/seeded-queries";
import { roleAllows } from "@/lib/domain/role";
import { getFleetHealth } from "@/lib/server/health/get-fleet-health";
import { firstValues, type SearchParams } from "../_lib/search-params";

export const metadata: Metadata = { title: "Health" };

/**
 * Per-box health for the whole fleet (issue 12). The answer the filters need comes with the
 * page (the boxes that are not ok: a few hundred rows at 10,000 boxes, not every box), so the
 * table and tiles are in the first HTML; the view refetches in the background from there.
 */
export default async function HealthPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guard("viewer", "page");
  const filters = parseHealthFilters(firstValues(await searchParams));
  const query = healthRowsQuery(filters);
  const data = await getFleetHealth(undefined, undefined, query);
  return (
    <>
      <PageHeader title="Health" context="Which desktops are down, and why" />
      <SeededQueries seeds={[seed(fleetHealthQuery(query), data)]}>
        <HealthView initialFilters={filters} canOperate={roleAllows(actor.role, "operator")} />
      </SeededQueries>
    </>
  );
}

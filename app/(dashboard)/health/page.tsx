import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { parseHealthFilters } from "@/app/_components/health/health-filters";
import { HealthView } from "@/app/_components/health/health-view";
import { roleAllows } from "@/lib/domain/role";
import { firstValues, type SearchParams } from "../_lib/search-params";

export const metadata: Metadata = { title: "Health" };

/**
 * Per-box health for the whole fleet (issue 12). The boxes come from GET /api/v1/health
 * in the browser, not in this page's HTML: 10,000 rows are a few MB of JSON, which the
 * browser parses faster than React would hydrate them from the page, and the view
 * refetches them in the background anyway.
 */
export default async function HealthPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guard("viewer", "page");
  const filters = parseHealthFilters(firstValues(await searchParams));
  return (
    <>
      <PageHeader title="Health" context="Which desktops are down, and why" />
      <HealthView initialFilters={filters} canOperate={roleAllows(actor.role, "operator")} />
    </>
  );
}

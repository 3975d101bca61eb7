import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { PageHeader } from "@/app/_components/page-header";
import { SearchResults } from "@/app/_components/fleet-search/search-results";
import { ZHostSearchQuery } from "@/lib/domain/inventory/host-search";
import { searchHosts } from "@/lib/server/inventory/search-hosts";
import { firstValues, type SearchParams } from "../_lib/search-params";

export const metadata: Metadata = { title: "Find a host" };

const PAGE_SIZE = 50;

/** Every host a query finds (Enter in the header's box when several match), 50 to a page. */
export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  await guard("viewer", "page");
  const { q, page } = firstValues(await searchParams);
  const parsed = q === undefined ? null : ZHostSearchQuery.safeParse({ q, page: page ?? "1", pageSize: PAGE_SIZE });
  const results = parsed?.success ? await searchHosts(parsed.data) : null;
  const problem = parsed && !parsed.success ? parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`) : [];
  return (
    <>
      <PageHeader
        title="Find a host"
        context="By hostname, guest name or libvirt domain, guest IP, either MAC, serial or link-local address"
      />
      <form action="/search" method="get" className="mb-4 flex max-w-xl items-end gap-2">
        <div className="flex-1">
          <label htmlFor="search-page-q" className="mb-1 block text-sm font-medium">
            Hosts matching
          </label>
          <input id="search-page-q" name="q" defaultValue={q ?? ""} maxLength={100} className="input font-mono" />
        </div>
        <button type="submit" className="btn btn-primary">
          Find
        </button>
      </form>
      {problem.length > 0 && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem.join("; ")}
        </p>
      )}
      {results && <SearchResults results={results} />}
    </>
  );
}

import Link from "next/link";
import { describeMatch, type HostSearchResponse } from "@/lib/domain/inventory/host-search-views";

/** /search?q=&page=: a results page's URL. */
export function resultsPagePath(q: string, page: number): string {
  const params = new URLSearchParams({ q });
  if (page > 1) params.set("page", String(page));
  return `/search?${params}`;
}

/**
 * Every host a query found, a page at a time: the same answer as the header's
 * box (GET /api/v1/hosts?q=), with room for the branch, guest and what matched.
 */
export function SearchResults({ results }: { results: HostSearchResponse }) {
  const { q, total, page, pageSize, items } = results;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return <p className="text-sm">No host matches “{q}”.</p>;
  return (
    <div className="space-y-3">
      <table className="data-table" aria-label="Hosts found">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Branch</th>
            <th scope="col">Guest</th>
            <th scope="col">Guest IP</th>
            <th scope="col">Link-local</th>
            <th scope="col">State</th>
            <th scope="col">Matched</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => (
            <tr key={h.id}>
              <td className="font-mono">
                <Link href={`/hosts/${h.id}`}>{h.hostname}</Link>
              </td>
              <td>
                <Link href={`/branches/${encodeURIComponent(h.branch.code)}`} className="font-mono">
                  {h.branch.code}
                </Link>{" "}
                {h.branch.name}
              </td>
              <td>{h.guest?.name ?? "no guest"}</td>
              <td className="font-mono">{h.guest?.ip ?? ""}</td>
              <td className="font-mono">{h.linkLocalIp}</td>
              <td>{h.state}</td>
              <td>{describeMatch(h)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Result pages" className="flex items-center gap-3 text-sm">
        {page > 1 && <Link href={resultsPagePath(q, page - 1)}>Previous page</Link>}
        <span>
          Page {page} of {pages} ({total} host{total === 1 ? "" : "s"})
        </span>
        {page < pages && <Link href={resultsPagePath(q, page + 1)}>Next page</Link>}
      </nav>
    </div>
  );
}

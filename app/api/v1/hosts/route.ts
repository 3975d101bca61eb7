import { apiHandler } from "@/app/_server/api-handler";
import { ZHostSearchQuery } from "@/lib/domain/inventory/host-search";
import { ZHostSearchResponse } from "@/lib/domain/inventory/host-search-views";
import { searchHosts } from "@/lib/server/inventory/search-hosts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The header's search box and scripts alike: find a desktop by whatever the caller read out. */
export const GET = apiHandler(
  {
    role: "viewer",
    summary: "Find hosts fleet-wide by hostname, guest name/domain/IP/MAC, NIC MAC, serial or link-local address",
    query: ZHostSearchQuery,
    response: ZHostSearchResponse,
  },
  async ({ query }) => searchHosts(query),
);

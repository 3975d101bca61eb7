import { dehydrate, HydrationBoundary, QueryClient, type InferDataFromTag, type QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";

/** A query's key and the data a server page loaded for it. */
export type QuerySeed = { queryKey: QueryKey; data: unknown };

/**
 * Pairs a query object (app/_client/api-queries.ts) with the data the page
 * loaded for it through lib/server; the data must be of the type the query
 * answers, so seeding the wrong shape does not compile.
 */
export function seed<K extends QueryKey>(query: { queryKey: K }, data: InferDataFromTag<unknown, K>): QuerySeed {
  return { queryKey: query.queryKey, data };
}

/**
 * Hands data a server component loaded (through lib/server) to the browser's
 * query cache under the same key the client's useQuery uses. Unlike
 * `initialData`, this also replaces an older cached copy (a table visited a
 * minute ago), because hydration keeps whichever data is newer.
 */
export function SeededQueries({ seeds, children }: { seeds: QuerySeed[]; children: ReactNode }) {
  const client = new QueryClient();
  for (const { queryKey, data } of seeds) client.setQueryData(queryKey, data);
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}

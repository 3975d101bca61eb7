import { dehydrate, HydrationBoundary, QueryClient, type QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";

/**
 * Hands data a server component loaded (through lib/server) to the browser's
 * query cache under the same key the client's useQuery uses. Unlike
 * `initialData`, this also replaces an older cached copy (a table visited a
 * minute ago), because hydration keeps whichever data is newer.
 */
export function SeededQueries({ seeds, children }: { seeds: Array<[QueryKey, unknown]>; children: ReactNode }) {
  const client = new QueryClient();
  for (const [key, data] of seeds) client.setQueryData(key, data);
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}

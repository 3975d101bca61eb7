import type { HostDetailResponse } from "@/lib/domain/inventory/inventory-views";
import { db } from "@/lib/server/db/client";
import { findHost } from "./find-host";
import { toBranchWithGateway, toHostView } from "./to-views";

/** A host with its guest, and its branch (with gateway) for the host page's context. */
export async function getHost(id: number): Promise<HostDetailResponse> {
  const host = await findHost(db(), id);
  return { host: toHostView(host), branch: toBranchWithGateway(host.branch) };
}

import type { GatewayView } from "@/lib/domain/inventory/inventory-views";
import { db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";
import { findBranch } from "./find-branch";
import { toGatewayView } from "./to-views";

export async function getGateway(branchCode: string): Promise<GatewayView> {
  const branch = await findBranch(db(), branchCode);
  if (!branch.gateway) throw notFound(`a gateway for branch ${branch.code}`);
  return toGatewayView(branch.gateway);
}

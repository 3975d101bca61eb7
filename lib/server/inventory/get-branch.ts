import type { BranchDetailResponse } from "@/lib/domain/inventory/inventory-views";
import { db } from "@/lib/server/db/client";
import { findBranch } from "./find-branch";
import { HOST_INCLUDE, toBranchWithGateway, toHostView } from "./to-views";

/** A branch with its gateway and every host (each with its guest), hosts by hostname. */
export async function getBranch(code: string): Promise<BranchDetailResponse> {
  const branch = await findBranch(db(), code);
  const hosts = await db().host.findMany({
    where: { branchId: branch.id },
    include: HOST_INCLUDE,
    orderBy: { hostname: "asc" },
  });
  return { branch: toBranchWithGateway(branch), hosts: hosts.map(toHostView) };
}

import { parseBranchCode } from "@/lib/domain/inventory/branch-code";
import type { BranchAddressing } from "@/lib/domain/inventory/branch-addressing";
import type { Branch, Gateway } from "@/prisma/generated/sqlite/client";
import type { Tx } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";

export type BranchRow = Branch & { gateway: Gateway | null };

/** The branch (with its gateway) by code, case-insensitively; 404 when there is none. */
export async function findBranch(tx: Tx, code: string): Promise<BranchRow> {
  const parsed = parseBranchCode(code);
  const branch = parsed.ok
    ? await tx.branch.findUnique({ where: { code: parsed.value }, include: { gateway: true } })
    : null;
  if (!branch) throw notFound(`branch ${code}`);
  return branch;
}

/** Stored addresses were parsed before they were written; the casts restore their brands. */
export function branchAddressing(branch: Branch): BranchAddressing {
  return {
    lanCidr: branch.lanCidr as BranchAddressing["lanCidr"],
    linkLocalPool: branch.linkLocalPool as BranchAddressing["linkLocalPool"],
    gatewayLinkLocalIp: branch.gatewayLinkLocalIp as BranchAddressing["gatewayLinkLocalIp"],
  };
}

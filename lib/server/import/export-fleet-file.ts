import { exportFleet } from "@/lib/domain/import/export-fleet";
import type { ImportFormat } from "@/lib/domain/import/parse-import";
import { db } from "@/lib/server/db/client";
import { findBranch } from "@/lib/server/inventory/find-branch";
import { loadFleetSnapshot } from "./load-fleet-snapshot";

/** The fleet, or one branch (404 when it does not exist), in the import format; the file name says which. */
export async function exportFleetFile(
  format: ImportFormat,
  branchCode?: string,
): Promise<{ content: string; filename: string }> {
  const code = branchCode ? (await findBranch(db(), branchCode)).code : undefined;
  const fleet = await loadFleetSnapshot(db(), code);
  return { content: exportFleet(fleet, format), filename: `branchdesk-${code ?? "fleet"}.${format}` };
}

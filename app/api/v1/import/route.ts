import { apiHandler } from "@/app/_server/api-handler";
import { IMPORT_MAX_BYTES, ZImportInput, ZImportResult } from "@/lib/domain/import/import-views";
import { importFleet } from "@/lib/server/import/import-fleet";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * A preview (dryRun, the default) or a commit of a bulk import. The body holds
 * a whole file, so this route has its own limit (IMPORT_MAX_BYTES, 32 MiB)
 * where every other keeps 64 KiB. A commit with any error is 422 listing them
 * all ("row 14: guest_ip") and writes nothing.
 */
export const POST = apiHandler(
  {
    role: "admin",
    summary: "Preview (dryRun) or commit a bulk import of branches, gateways, hosts and guests (CSV or JSON)",
    body: ZImportInput,
    maxBodyBytes: IMPORT_MAX_BYTES,
    response: ZImportResult,
  },
  async ({ actor, body }) => importFleet(actor, body),
);

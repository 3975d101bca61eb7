import { z } from "zod";
import { apiFileHandler } from "@/app/_server/api-handler";
import { exportFleetFile } from "@/lib/server/import/export-fleet-file";
import { ZExportQuery } from "./export-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The import's own format: importing the file back changes nothing. One media
 * type per operation, so the JSON twin is /export.json (as /openapi.json).
 */
export const GET = apiFileHandler(
  {
    role: "viewer",
    summary: "Export the fleet, or one branch, as CSV in the import format",
    query: ZExportQuery,
    produces: "text/csv",
    response: z.string().meta({ description: "CSV: a header row, then one row per host (RFC 4180, CRLF)" }),
  },
  async ({ query }) => {
    const file = await exportFleetFile("csv", query.branch);
    return { body: file.content, filename: file.filename };
  },
);

import { z } from "zod";
import { apiFileHandler } from "@/app/_server/api-handler";
import { exportFleetFile } from "@/lib/server/import/export-fleet-file";
import { ZExportQuery } from "../export/export-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** As GET /export, as a JSON array of the same records (what POST /import takes with format "json"). */
export const GET = apiFileHandler(
  {
    role: "viewer",
    summary: "Export the fleet, or one branch, as JSON records in the import format",
    query: ZExportQuery,
    produces: "application/json",
    response: z.string().meta({ description: "a JSON array of records, one per host, keyed by the CSV's columns" }),
  },
  async ({ query }) => {
    const file = await exportFleetFile("json", query.branch);
    return { body: file.content, filename: file.filename };
  },
);

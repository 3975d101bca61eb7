import { z } from "zod";
import { apiFileHandler } from "@/app/_server/api-handler";
import { exportNatAudits } from "@/lib/server/nat-audit/export-nat-audits";
import { ZNatExportQuery } from "@/lib/server/nat-audit/nat-audit-views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiFileHandler(
  {
    role: "viewer",
    summary: "NAT audit report as CSV, one row per rule: timestamp, rule, class, counters, digest, who ran it",
    query: ZNatExportQuery,
    produces: "text/csv",
    response: z.string().meta({ description: "CSV: a header row, then one row per rule (RFC 4180, CRLF)" }),
  },
  async ({ query }) => {
    const file = await exportNatAudits(query, "csv");
    return { body: file.content, filename: file.filename };
  },
);

import { z } from "zod";
import { apiFileHandler } from "@/app/_server/api-handler";
import { exportNatAudits } from "@/lib/server/nat-audit/export-nat-audits";
import { ZNatExportQuery } from "@/lib/server/nat-audit/nat-audit-views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiFileHandler(
  {
    role: "viewer",
    summary:
      "NAT audit report as JSON, with exactly what was read: timestamp, rule, class, counters, digest, who ran it",
    query: ZNatExportQuery,
    produces: "application/json",
    response: z.string().meta({ description: "JSON: each audit with its rules and exactly what was read" }),
  },
  async ({ query }) => {
    const file = await exportNatAudits(query, "json");
    return { body: file.content, filename: file.filename };
  },
);

import { apiHandler } from "@/app/_server/api-handler";
import { ZNatTraceResponse, ZTraceInput } from "@/lib/domain/nat-audit/nat-trace-views";
import { traceGuest } from "@/lib/server/nat-audit/trace-guest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Reads the gateway's and host's running nat tables over SSH (read-only) and probes the support path. */
export const POST = apiHandler(
  {
    role: "operator",
    summary: "Trace HQ -> a guest's IP:22 through the running nat rules, beside a live probe of the support path",
    body: ZTraceInput,
    response: ZNatTraceResponse,
  },
  async ({ body }) => traceGuest(body),
);

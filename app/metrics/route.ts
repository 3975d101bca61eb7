import { NextResponse, type NextRequest } from "next/server";
import { metricsAccess, renderMetrics } from "@/lib/server/health/render-metrics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint (text exposition 0.0.4); a bearer token, see metricsAccess. */
export async function GET(req: NextRequest): Promise<NextResponse> {
  const access = metricsAccess(req.headers.get("authorization"));
  if (access === "off") {
    return new NextResponse("metrics are off: set BRANCHDESK_METRICS_TOKEN (24+ characters) and scrape with it\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (access === "denied") {
    return new NextResponse("a bearer token is required (Authorization: Bearer <BRANCHDESK_METRICS_TOKEN>)\n", {
      status: 401,
      headers: { "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  return new NextResponse(await renderMetrics(), {
    headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" },
  });
}

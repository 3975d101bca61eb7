import type { BoxResult } from "./ingest-results";

/** The webhook's JSON body for one box state change (signed as sent: see deliver-webhooks.ts). */
export function healthWebhookPayload(r: BoxResult, from: string): string {
  return JSON.stringify({
    type: "box.state-changed",
    box: r.key,
    kind: r.kind,
    name: r.name,
    branchCode: r.branchCode,
    from,
    to: r.verdict.status,
    summary: r.verdict.summary,
    incidentId: r.incidentId,
    at: r.at.toISOString(),
  });
}

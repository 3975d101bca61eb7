import type { NextRequest } from "next/server";
import { dashboardOrigin } from "@/lib/server/enrolment/dashboard-origin";
import { serveEnrolmentScript } from "@/lib/server/enrolment/serve-enrolment-script";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `curl -fsS <dashboard>/enrol/<token> | sh`: no session, the token is the
 * credential. Answers the enrolment script (agents/enrol.sh with its values),
 * never cached; a refusal's body is a script that prints why and fails
 * (serve-enrolment-script.ts says why that is a 200).
 */
export async function GET(req: NextRequest, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const answer = await serveEnrolmentScript(token, dashboardOrigin(req));
  return new Response(answer.body, {
    status: answer.status,
    headers: {
      "Content-Type": "text/x-shellscript; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
      "X-Branchdesk-Enrolment": answer.refused ? "refused" : "script",
    },
  });
}

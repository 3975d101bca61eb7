import { apiHandler } from "@/app/_server/api-handler";
import { ZCreateEnrolmentTokenInput } from "@/lib/domain/enrolment/enrolment-input";
import { ZEnrolmentTokenCreatedResponse, ZEnrolmentTokenListResponse } from "@/lib/domain/enrolment/enrolment-views";
import { ZBranchCodeParams } from "@/lib/server/api/path-params";
import { createEnrolmentToken } from "@/lib/server/enrolment/create-enrolment-token";
import { dashboardOrigin } from "@/lib/server/enrolment/dashboard-origin";
import { listEnrolmentTokens } from "@/lib/server/enrolment/list-enrolment-tokens";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "admin",
    summary: "The branch's enrolment tokens, newest first (never the tokens themselves)",
    params: ZBranchCodeParams,
    response: ZEnrolmentTokenListResponse,
  },
  async ({ params }) => ({ tokens: await listEnrolmentTokens(params.code) }),
);

/** The answer carries the token once, as a one-liner and a script; only its hash is stored. */
export const POST = apiHandler(
  {
    role: "admin",
    summary: "Create a single-use enrolment token for a new box of the branch (shown once, as a one-liner)",
    params: ZBranchCodeParams,
    body: ZCreateEnrolmentTokenInput,
    response: ZEnrolmentTokenCreatedResponse,
    status: 201,
  },
  async ({ req, actor, params, body }) => createEnrolmentToken(actor, params.code, body, dashboardOrigin(req)),
);

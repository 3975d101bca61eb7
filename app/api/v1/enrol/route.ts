import { apiHandler } from "@/app/_server/api-handler";
import { ZEnrolmentReport } from "@/lib/domain/enrolment/enrolment-input";
import { ZEnrolmentResponse } from "@/lib/domain/enrolment/enrolment-views";
import { enrolHost } from "@/lib/server/enrolment/enrol-host";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * What agents/enrol.sh posts. No session: the token in the body is the
 * credential (single use, expiring, one branch). Refusals are audited.
 */
export const POST = apiHandler(
  {
    role: "anonymous",
    summary: "Enrol a box with an enrolment token: creates or updates the host as enrolled, its key pinned",
    body: ZEnrolmentReport,
    response: ZEnrolmentResponse,
    status: 201,
  },
  async ({ body }) => enrolHost(body),
);

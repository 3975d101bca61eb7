import { z } from "zod";
import { apiHandler } from "@/app/_server/api-handler";
import { ZEnrolmentTokenView } from "@/lib/domain/enrolment/enrolment-views";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { revokeEnrolmentToken } from "@/lib/server/enrolment/revoke-enrolment-token";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = apiHandler(
  {
    role: "admin",
    summary: "Revoke an unused enrolment token",
    params: zRowIdParams("enrolment token"),
    response: z.object({ token: ZEnrolmentTokenView }),
  },
  async ({ actor, params }) => ({ token: await revokeEnrolmentToken(actor, params.id) }),
);

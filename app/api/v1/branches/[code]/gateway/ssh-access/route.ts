import { apiHandler } from "@/app/_server/api-handler";
import { ZSshAccessResponse } from "@/lib/domain/terminal/ssh-access-views";
import { ZBranchCodeParams } from "@/lib/server/api/path-params";
import { gatewaySshAccess } from "@/lib/server/terminal/ssh-access";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** "Copy SSH command" for the branch's gateway: a direct session to its pinned key. */
export const GET = apiHandler(
  {
    role: "operator",
    summary: "The ssh line (direct), ssh:// link and known_hosts line for the branch's gateway",
    params: ZBranchCodeParams,
    response: ZSshAccessResponse,
  },
  async ({ params }) => gatewaySshAccess(params.code),
);

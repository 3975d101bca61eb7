import { apiHandler } from "@/app/_server/api-handler";
import { ZSshAccessResponse } from "@/lib/domain/terminal/ssh-access-views";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { hostSshAccess } from "@/lib/server/terminal/ssh-access";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** "Copy SSH command": the support path and the way through the gateway, as ssh lines, with their known_hosts. */
export const GET = apiHandler(
  {
    role: "operator",
    summary: "The ssh lines (support path, via gateway, ssh:// link) and known_hosts lines for a host",
    params: zRowIdParams("host"),
    response: ZSshAccessResponse,
  },
  async ({ params }) => hostSshAccess(params.id),
);

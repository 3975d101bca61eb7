import { apiHandler } from "@/app/_server/api-handler";
import { ZApiTokenResponse } from "@/lib/domain/tokens/token-views";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = apiHandler(
  {
    role: "viewer",
    summary: "Revoke an API token at once (your own, or any for admins)",
    params: zRowIdParams("API token"),
    response: ZApiTokenResponse,
  },
  async ({ actor, params }) => ({ token: await revokeApiToken(actor, params.id) }),
);

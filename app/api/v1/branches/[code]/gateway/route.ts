import { apiHandler } from "@/app/_server/api-handler";
import { ZGatewayInput } from "@/lib/domain/inventory/gateway-input";
import { ZGatewayResponse } from "@/lib/domain/inventory/inventory-views";
import { ZBranchCodeParams } from "@/lib/server/api/path-params";
import { deleteGateway } from "@/lib/server/inventory/delete-gateway";
import { getGateway } from "@/lib/server/inventory/get-gateway";
import { saveGateway } from "@/lib/server/inventory/save-gateway";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "The branch's gateway (404 when none)",
    params: ZBranchCodeParams,
    response: ZGatewayResponse,
  },
  async ({ params }) => ({ gateway: await getGateway(params.code) }),
);

export const PUT = apiHandler(
  {
    role: "admin",
    summary: "Create or replace the branch's gateway",
    params: ZBranchCodeParams,
    body: ZGatewayInput,
    response: ZGatewayResponse,
  },
  async ({ actor, params, body }) => ({ gateway: await saveGateway(actor, params.code, body) }),
);

export const DELETE = apiHandler(
  { role: "admin", summary: "Delete the branch's gateway", params: ZBranchCodeParams, response: null },
  async ({ actor, params }) => deleteGateway(actor, params.code),
);

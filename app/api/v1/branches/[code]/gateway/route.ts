import { apiHandler, readJson } from "@/app/_server/api-handler";
import { ZGatewayInput } from "@/lib/domain/inventory/gateway-input";
import { deleteGateway } from "@/lib/server/inventory/delete-gateway";
import { getGateway } from "@/lib/server/inventory/get-gateway";
import { saveGateway } from "@/lib/server/inventory/save-gateway";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { code: string };

export const GET = apiHandler<Params>("viewer", async ({ params }) => ({ gateway: await getGateway(params.code) }));

/** Creates or replaces the branch's gateway. */
export const PUT = apiHandler<Params>("admin", async ({ req, actor, params }) => ({
  gateway: await saveGateway(actor, params.code, await readJson(req, ZGatewayInput)),
}));

export const DELETE = apiHandler<Params>("admin", async ({ actor, params }) => deleteGateway(actor, params.code));

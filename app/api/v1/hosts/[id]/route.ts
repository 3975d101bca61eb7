import { apiHandler, readJson } from "@/app/_server/api-handler";
import { ZUpdateHostInput } from "@/lib/domain/inventory/host-input";
import { deleteHost } from "@/lib/server/inventory/delete-host";
import { parseHostId } from "@/lib/server/inventory/find-host";
import { getHost } from "@/lib/server/inventory/get-host";
import { updateHost } from "@/lib/server/inventory/update-host";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiHandler<Params>("viewer", async ({ params }) => getHost(parseHostId(params.id)));

export const PATCH = apiHandler<Params>("admin", async ({ req, actor, params }) =>
  updateHost(actor, parseHostId(params.id), await readJson(req, ZUpdateHostInput)));

export const DELETE = apiHandler<Params>("admin", async ({ actor, params }) => deleteHost(actor, parseHostId(params.id)));

import { apiHandler } from "@/app/_server/api-handler";
import { ZUpdateHostInput } from "@/lib/domain/inventory/host-input";
import { ZHostDetailResponse, ZHostWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { deleteHost } from "@/lib/server/inventory/delete-host";
import { getHost } from "@/lib/server/inventory/get-host";
import { updateHost } from "@/lib/server/inventory/update-host";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const ZHostParams = zRowIdParams("host");

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "A host with its guest and its branch",
    params: ZHostParams,
    response: ZHostDetailResponse,
  },
  async ({ params }) => getHost(params.id),
);

export const PATCH = apiHandler(
  { role: "admin", summary: "Edit a host", params: ZHostParams, body: ZUpdateHostInput, response: ZHostWriteResponse },
  async ({ actor, params, body }) => updateHost(actor, params.id, body),
);

export const DELETE = apiHandler(
  { role: "admin", summary: "Delete a host and its guest", params: ZHostParams, response: null },
  async ({ actor, params }) => deleteHost(actor, params.id),
);

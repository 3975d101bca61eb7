import { apiHandler } from "@/app/_server/api-handler";
import { ZGuestInput } from "@/lib/domain/inventory/guest-input";
import { ZGuestResponse } from "@/lib/domain/inventory/inventory-views";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { deleteGuest } from "@/lib/server/inventory/delete-guest";
import { saveGuest } from "@/lib/server/inventory/save-guest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const ZHostParams = zRowIdParams("host");

export const PUT = apiHandler(
  {
    role: "admin",
    summary: "Create or replace the host's guest (an existing guest keeps its MAC when none is sent)",
    params: ZHostParams,
    body: ZGuestInput,
    response: ZGuestResponse,
  },
  async ({ actor, params, body }) => ({ guest: await saveGuest(actor, params.id, body) }),
);

export const DELETE = apiHandler(
  { role: "admin", summary: "Delete the host's guest", params: ZHostParams, response: null },
  async ({ actor, params }) => deleteGuest(actor, params.id),
);

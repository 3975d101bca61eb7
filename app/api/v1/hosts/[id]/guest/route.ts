import { apiHandler, readJson } from "@/app/_server/api-handler";
import { ZGuestInput } from "@/lib/domain/inventory/guest-input";
import { deleteGuest } from "@/lib/server/inventory/delete-guest";
import { parseHostId } from "@/lib/server/inventory/find-host";
import { saveGuest } from "@/lib/server/inventory/save-guest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { id: string };

/** Creates or replaces the host's guest; without `mac`, an existing guest keeps its MAC. */
export const PUT = apiHandler<Params>("admin", async ({ req, actor, params }) => ({
  guest: await saveGuest(actor, parseHostId(params.id), await readJson(req, ZGuestInput)),
}));

export const DELETE = apiHandler<Params>("admin", async ({ actor, params }) => deleteGuest(actor, parseHostId(params.id)));

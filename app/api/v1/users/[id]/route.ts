import { apiHandler, readJson } from "@/app/_server/api-handler";
import { ZUpdateUserInput } from "@/lib/domain/users/user-input";
import { parseUserId } from "@/lib/server/users/parse-user-id";
import { updateUser } from "@/lib/server/users/update-user";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { id: string };

/** Role change, disable/enable, or password reset (admin). */
export const PATCH = apiHandler<Params>("admin", async ({ req, actor, params }) => ({
  user: await updateUser(actor, parseUserId(params.id), await readJson(req, ZUpdateUserInput)),
}));

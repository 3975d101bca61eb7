import { apiHandler } from "@/app/_server/api-handler";
import { ZUserResponse } from "@/lib/domain/users/user-views";
import { ZUpdateUserInput } from "@/lib/domain/users/user-input";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { updateUser } from "@/lib/server/users/update-user";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PATCH = apiHandler(
  {
    role: "admin",
    summary: "Change role, disable/enable, or reset the password (ends the user's sessions)",
    params: zRowIdParams("user"),
    body: ZUpdateUserInput,
    response: ZUserResponse,
  },
  async ({ actor, params, body }) => ({ user: await updateUser(actor, params.id, body) }),
);

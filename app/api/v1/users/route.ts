import { apiHandler, readJson } from "@/app/_server/api-handler";
import { ZCreateUserInput } from "@/lib/domain/users/user-input";
import { createUser } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler("admin", async () => ({ users: await listUsers() }));

export const POST = apiHandler(
  "admin",
  async ({ req, actor }) => ({ user: await createUser(actor, await readJson(req, ZCreateUserInput)) }),
  { status: 201 },
);

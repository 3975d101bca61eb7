import { apiHandler } from "@/app/_server/api-handler";
import { ZUserListResponse, ZUserResponse } from "@/lib/domain/users/user-views";
import { ZCreateUserInput } from "@/lib/domain/users/user-input";
import { createUser } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  { role: "admin", summary: "Users (never with password hashes)", response: ZUserListResponse },
  async () => ({ users: await listUsers() }),
);

export const POST = apiHandler(
  { role: "admin", summary: "Create a user", body: ZCreateUserInput, response: ZUserResponse, status: 201 },
  async ({ actor, body }) => ({ user: await createUser(actor, body) }),
);

import { apiHandler } from "@/app/_server/api-handler";
import { ZCreateApiTokenInput } from "@/lib/domain/tokens/token-input";
import { ZApiTokenCreatedResponse, ZApiTokenListResponse } from "@/lib/domain/tokens/token-views";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { listApiTokens } from "@/lib/server/tokens/list-api-tokens";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "API tokens: your own, or every token for admins (never the secret)",
    response: ZApiTokenListResponse,
  },
  async ({ actor }) => ({ tokens: await listApiTokens(actor) }),
);

export const POST = apiHandler(
  {
    role: "viewer",
    summary: "Create an API token (role at most your own; service: true for admins); the secret is answered once",
    body: ZCreateApiTokenInput,
    response: ZApiTokenCreatedResponse,
    status: 201,
  },
  async ({ actor, body }) => createApiToken(actor, body),
);

import "server-only";
import type { NextRequest } from "next/server";
import type { Role } from "@/lib/domain/role";
import { parseAuthorization } from "@/lib/domain/tokens/api-token";
import type { Actor } from "@/lib/server/auth/actor";
import { authorize } from "@/lib/server/auth/authorize";
import { authenticateApiToken } from "@/lib/server/tokens/authenticate-api-token";
import { clientAddress } from "@/app/api/v1/session/session-cookie";
import { guard } from "./guard";

/**
 * Who calls an /api/v1 operation: with an Authorization header, the API token it carries
 * (issue 15; the session cookie is then ignored, so a request is never half one and half
 * the other); without one, the session cookie through the guard. Either way the same
 * authorize() holds it to the contract's role.
 */
export async function apiActor(required: Role, req: NextRequest): Promise<Actor> {
  const bearer = parseAuthorization(req.headers.get("authorization"));
  if (bearer === null) return guard(required, "api", req);
  return authorize(await authenticateApiToken(bearer, clientAddress(req)), required);
}

/**
 * Bearer requests need no CSRF check: a browser attaches no Authorization header to a
 * cross-site request by itself (and one set by script needs a CORS preflight, which this
 * API never grants), and such a request is authenticated by the header alone.
 */
export const carriesBearer = (req: NextRequest) => req.headers.has("authorization");

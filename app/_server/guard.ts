import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Role } from "@/lib/domain/role";
import type { Actor } from "@/lib/server/auth/actor";
import { authorize } from "@/lib/server/auth/authorize";
import { readSession } from "@/lib/server/auth/read-session";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { AppError } from "@/lib/server/errors/app-error";

/** Anything that carries request cookies: a route handler's NextRequest. */
export type CookieSource = { cookies: { get(name: string): { value: string } | undefined } };

/**
 * The signed-in user of this request, or null. Route handlers pass their
 * request (its cookies are the request's own, and the handler can then run
 * outside Next's request scope, e.g. in the route-enumerating test); pages
 * and server components read them through next/headers.
 */
export async function currentActor(request?: CookieSource): Promise<Actor | null> {
  const jar = request ? request.cookies : await cookies();
  return readSession(jar.get(SESSION_COOKIE)?.value);
}

/**
 * THE guard. Every page and every API route calls it with the role it needs.
 * Pages: anonymous -> redirect to /login; too weak a role -> 403 page.
 * API: throws AppError (401/403), which the API wrapper turns into JSON.
 */
export async function guard(required: Role, kind: "page" | "api" = "api", request?: CookieSource): Promise<Actor> {
  const actor = await currentActor(request);
  if (kind === "page") {
    if (!actor) {
      const path = (await headers()).get("x-branchdesk-path") ?? "/";
      redirect(`/login?next=${encodeURIComponent(path)}`);
    }
    try {
      return authorize(actor, required);
    } catch (e) {
      if (e instanceof AppError && e.code === "forbidden") redirect(`/forbidden?need=${required}`);
      throw e;
    }
  }
  return authorize(actor, required);
}

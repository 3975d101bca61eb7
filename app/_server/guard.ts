import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Role } from "@/lib/domain/role";
import type { Actor } from "@/lib/server/auth/actor";
import { authorize } from "@/lib/server/auth/authorize";
import { readSession } from "@/lib/server/auth/read-session";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { AppError } from "@/lib/server/errors/app-error";

/** The signed-in user of this request, or null. */
export async function currentActor(): Promise<Actor | null> {
  return readSession((await cookies()).get(SESSION_COOKIE)?.value);
}

/**
 * THE guard. Every page and every API route calls it with the role it needs.
 * Pages: anonymous -> redirect to /login; too weak a role -> 403 page.
 * API: throws AppError (401/403), which the API wrapper turns into JSON.
 */
export async function guard(required: Role, kind: "page" | "api" = "api"): Promise<Actor> {
  const actor = await currentActor();
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

import { apiHandler } from "@/app/_server/api-handler";
import { AppError } from "@/lib/server/errors/app-error";
import { ZSessionResponse } from "@/lib/domain/users/user-views";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { signIn, ZSignInInput } from "@/lib/server/auth/sign-in";
import { signOut } from "@/lib/server/auth/sign-out";
import { clearSessionCookie, clientAddress, setSessionCookie } from "./session-cookie";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Sign in: the only operation an anonymous client may call. */
export const POST = apiHandler(
  {
    role: "anonymous",
    summary: "Sign in; sets the httpOnly session cookie",
    body: ZSignInInput,
    response: ZSessionResponse,
  },
  async ({ req, body, onResponse }) => {
    const session = await signIn(body, clientAddress(req));
    onResponse((res) => setSessionCookie(res, req, session.token, session.expiresAt));
    return { user: session.user };
  },
);

export const GET = apiHandler(
  { role: "viewer", summary: "Who is signed in", response: ZSessionResponse },
  // A session's actor is always a user: only SYSTEM_ACTOR (start-up, CLI) has no id, and it never signs in;
  // an admin's service token (issue 15) acts for no user either.
  async ({ actor }) => {
    if (actor.userId === null) {
      const message = `${actor.username} acts for no user (a service token); GET /api/v1/tokens shows what it is`;
      throw new AppError("not_found", message);
    }
    return { user: { id: actor.userId, username: actor.username, role: actor.role } };
  },
);

export const DELETE = apiHandler(
  { role: "viewer", summary: "Sign out; clears the cookie", response: null },
  async ({ req, onResponse }) => {
    await signOut(req.cookies.get(SESSION_COOKIE)?.value);
    onResponse((res) => clearSessionCookie(res, req));
  },
);

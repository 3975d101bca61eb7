import { NextResponse } from "next/server";
import { apiHandler, publicApiHandler, readJson } from "@/app/_server/api-handler";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { signIn, ZSignInInput } from "@/lib/server/auth/sign-in";
import { signOut } from "@/lib/server/auth/sign-out";
import { clearSessionCookie, clientAddress, setSessionCookie } from "./session-cookie";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Sign in: the only route an anonymous client may call. */
export const POST = publicApiHandler(async ({ req }) => {
  const session = await signIn(await readJson(req, ZSignInInput), clientAddress(req));
  const res = NextResponse.json({ user: session.user });
  setSessionCookie(res, req, session.token, session.expiresAt);
  return res;
});

export const GET = apiHandler("viewer", async ({ actor }) => ({
  user: { id: actor.userId, username: actor.username, role: actor.role },
}));

export const DELETE = apiHandler("viewer", async ({ req }) => {
  await signOut(req.cookies.get(SESSION_COOKIE)?.value);
  const res = new NextResponse(null, { status: 204 });
  clearSessionCookie(res, req);
  return res;
});

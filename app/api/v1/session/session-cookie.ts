import type { NextRequest, NextResponse } from "next/server";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";

/** Secure only over https: a plain-http LAN install must still be able to sign in. */
function cookieOptions(req: NextRequest) {
  const https = req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
  return { httpOnly: true, sameSite: "strict" as const, path: "/", secure: https };
}

export function setSessionCookie(res: NextResponse, req: NextRequest, token: string, expires: Date): void {
  res.cookies.set(SESSION_COOKIE, token, { ...cookieOptions(req), expires });
}

export function clearSessionCookie(res: NextResponse, req: NextRequest): void {
  res.cookies.set(SESSION_COOKIE, "", { ...cookieOptions(req), maxAge: 0 });
}

/**
 * The client address for the per-client login limit. The dashboard's server
 * (scripts/serve.ts) has already replaced X-Forwarded-For with the one
 * address it resolved from the connection and the trusted proxy hops
 * (lib/server/http/client-address.ts); "unknown" only when something else
 * serves the app. Capped in length: it becomes part of a database key.
 */
export function clientAddress(req: NextRequest): string {
  const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded ? forwarded.slice(0, 64) : "unknown";
}

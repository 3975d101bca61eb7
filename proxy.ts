import { NextResponse, type NextRequest } from "next/server";
import { applyHeaders, BASE_HEADERS, newNonce, pageCsp } from "@/lib/server/http/security-headers";

/**
 * Runs before every page. Two jobs, neither of which decides access:
 * - Pages cannot see their own URL on the server, so the guard could not send an
 *   anonymous visitor back where they came from after sign-in: the path (with
 *   its query) travels along as a request header.
 * - The page's Content-Security-Policy with a fresh nonce. Next.js reads the
 *   nonce from the CSP header on the *request* and stamps it on every script it
 *   renders; the browser gets the same policy on the response. Every page is
 *   rendered per request (the guard reads the session cookie), so no page is
 *   served from a build-time copy without the nonce.
 */
export function proxy(request: NextRequest): NextResponse {
  const csp = pageCsp(newNonce(), process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-branchdesk-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  applyHeaders(res.headers, BASE_HEADERS);
  return res;
}

export const config = {
  // API routes set their own headers (apiHandler) and answer 401 JSON, never a redirect; static assets need nothing.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};

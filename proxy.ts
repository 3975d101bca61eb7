import { NextResponse, type NextRequest } from "next/server";

/**
 * Pages cannot see their own URL on the server, so the guard could not send an
 * anonymous visitor back where they came from after sign-in. This passes the
 * path (with its query) along as a request header; it decides nothing itself.
 */
export function proxy(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("x-branchdesk-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // API routes answer 401 JSON and never redirect; static assets need nothing.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};

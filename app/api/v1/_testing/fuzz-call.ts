/**
 * Sends one fuzzed request to a route handler exactly as written: path
 * segments and query string go into the URL unescaped (so %ff and %00 arrive
 * as a client typed them), and the body is raw text or raw bytes (duplicate
 * keys and invalid UTF-8 survive). A handler that throws instead of answering
 * is what Next turns into a 500, so it is reported as one.
 */
import { NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import type { FuzzOperation } from "./openapi-walk";
import { ORIGIN } from "./route-kit";

export type FuzzRequest = {
  /** Raw URL text per path parameter. */
  segments: Record<string, string>;
  /** Raw query string, without "?". */
  query: string;
  body?: Uint8Array;
  headers: Record<string, string>;
  token?: string;
};

export type FuzzAnswer = { status: number; text: string; contentType: string | null; threw?: string };

/**
 * Next decodes each dynamic segment with decodeURIComponent; where that fails
 * (%ff), its decodeQueryPathParameter hands the route the text as it was, so
 * the route sees the same here. (`next start` itself answers such a URL 400
 * before any route runs: that part of the path is Next's, not this test's.)
 */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function requestUrl(op: FuzzOperation, req: FuzzRequest): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => req.segments[name] ?? "missing");
  return `${ORIGIN}${path}${req.query ? `?${req.query}` : ""}`;
}

/** The route's params as Next would pass them, read back from the URL the request really has. */
function paramsOf(op: FuzzOperation, url: URL): Record<string, string> {
  const names = op.pathParams;
  const pattern = new RegExp(`^${op.path.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "([^/]+)")}$`);
  const m = pattern.exec(url.pathname);
  if (!m) throw new Error(`fuzz: ${url.pathname} no longer matches ${op.path} (a segment the URL parser rewrites)`);
  return Object.fromEntries(names.map((n, i) => [n, decodeSegment(m[i + 1]!)]));
}

export async function sendFuzzRequest(op: FuzzOperation, req: FuzzRequest): Promise<FuzzAnswer> {
  const url = new URL(requestUrl(op, req));
  const headers: Record<string, string> = { host: url.host, ...req.headers };
  if (req.token) headers.cookie = `${SESSION_COOKIE}=${req.token}`;
  const body = op.method === "GET" ? undefined : req.body;
  // Built outside the try: a request the harness cannot even build is a bug in the test, not a 500.
  const request = new NextRequest(url, { method: op.method, headers, body: body as BodyInit | undefined });
  const params = paramsOf(op, url);
  try {
    const res = await op.handler(request, { params: Promise.resolve(params) });
    return { status: res.status, text: await res.text(), contentType: res.headers.get("content-type") };
  } catch (e) {
    const threw = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { status: 500, text: "", contentType: null, threw };
  }
}

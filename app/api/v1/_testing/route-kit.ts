/**
 * Calls /api/v1 route handlers directly, outside Next: finds every route file
 * on disk, imports it, and builds NextRequests by hand. The guard reads the
 * session from the request's own cookies, so no Next request scope is needed.
 * Test support only (vi.mock("server-only") in the test file).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest, type NextResponse } from "next/server";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";

export const ORIGIN = "http://localhost:3000";
const V1_DIR = path.resolve(__dirname, "..");
export const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<NextResponse>;
export type RouteFile = { file: string; path: string; handlers: Partial<Record<(typeof HTTP_METHODS)[number], Handler>> };

/** "branches/[code]/route.ts" -> "/api/v1/branches/{code}" (the OpenAPI spelling). */
function toApiPath(relative: string): string {
  const dir = path.dirname(relative).split(path.sep).filter((s) => s !== ".");
  return "/api/v1" + dir.map((s) => "/" + s.replace(/^\[(\w+)\]$/, "{$1}")).join("");
}

/**
 * Every route.ts under app/api/v1, found on disk (a new route cannot escape the tests).
 * The unknown-path fallback ([...path]) is no API operation: response-headers.test.ts covers it.
 */
export async function loadRouteFiles(): Promise<RouteFile[]> {
  const files = readdirSync(V1_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts" && !f.split(path.sep).some((s) => s.startsWith("_") || s.startsWith("[...")))
    .sort();
  const routes: RouteFile[] = [];
  for (const file of files) {
    const mod = (await import(path.join(V1_DIR, file))) as Record<string, unknown>;
    const handlers: RouteFile["handlers"] = {};
    for (const m of HTTP_METHODS) if (typeof mod[m] === "function") handlers[m] = mod[m] as Handler;
    routes.push({ file, path: toApiPath(file), handlers });
  }
  return routes;
}

export type CallOptions = {
  token?: string;
  body?: unknown;
  rawBody?: string | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: Record<string, string>;
};

/** Fills {code}/{id} in an OpenAPI path. */
export function fillPath(apiPath: string, params: Record<string, string>): string {
  return apiPath.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? "missing"));
}

export async function call(handler: Handler, method: string, apiPath: string, options: CallOptions = {}) {
  const params = options.params ?? {};
  const url = new URL(fillPath(apiPath, params), ORIGIN);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { host: new URL(ORIGIN).host, ...options.headers };
  if (options.token) headers.cookie = `${SESSION_COOKIE}=${options.token}`;
  let body: string | ReadableStream<Uint8Array> | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (method === "GET" || method === "HEAD") body = undefined; // fetch forbids bodies on them
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const req = new NextRequest(url, { method, headers, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as ConstructorParameters<typeof NextRequest>[1]);
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : null, headers: res.headers };
}

/** Calls the handler of `method` at `apiPath` among the loaded route files. */
export function router(routes: RouteFile[]) {
  return (method: (typeof HTTP_METHODS)[number], apiPath: string, options: CallOptions = {}) => {
    const route = routes.find((r) => r.path === apiPath);
    const handler = route?.handlers[method];
    if (!handler) throw new Error(`no ${method} handler for ${apiPath}`);
    return call(handler, method, apiPath, options);
  };
}

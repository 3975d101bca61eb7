/**
 * Calls /api/v1 route handlers directly, outside Next: finds every route file
 * on disk, imports it, and builds NextRequests by hand. The guard reads the
 * session from the request's own cookies, so no Next request scope is needed.
 * Test support only (vi.mock("server-only") in the test file).
 */
import path from "node:path";
import { NextRequest, type NextResponse } from "next/server";
import { listRouteFiles } from "@/lib/server/api/route-files";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";

export const ORIGIN = "http://localhost:3000";

/** A request as Next.js hands it to a route handler, for tests that serve handlers themselves. */
export function nextRequest(url: string, init: ConstructorParameters<typeof NextRequest>[1]): NextRequest {
  return new NextRequest(url, init);
}
const V1_DIR = path.resolve(__dirname, "..");
export const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<NextResponse>;
type Handlers = Partial<Record<(typeof HTTP_METHODS)[number], Handler>>;
export type RouteFile = { file: string; path: string; handlers: Handlers };

/**
 * Every route.ts under app/api/v1, found on disk (a new route cannot escape the tests), by
 * the rule the route index is generated with (lib/server/api/route-files.ts). The unknown-path
 * fallback ([...path]) is no API operation: response-headers.int.test.ts covers it.
 */
export async function loadRouteFiles(): Promise<RouteFile[]> {
  const routes: RouteFile[] = [];
  for (const { file, path: apiPath } of listRouteFiles(V1_DIR)) {
    const mod = (await import(path.join(V1_DIR, file))) as Record<string, unknown>;
    const handlers: Handlers = {};
    for (const m of HTTP_METHODS) if (typeof mod[m] === "function") handlers[m] = mod[m] as Handler;
    routes.push({ file, path: apiPath, handlers });
  }
  return routes;
}

export type CallOptions = {
  token?: string;
  /** An API token (issue 15): sent as `Authorization: Bearer <bearer>`. */
  bearer?: string;
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
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  let body: string | ReadableStream<Uint8Array> | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (method === "GET" || method === "HEAD") body = undefined; // fetch forbids bodies on them
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const init = { method, headers, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) };
  const req = new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]);
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  // Read loosely on purpose: tests reach into answers (res.json.error.fields...), and a wrong shape fails the test.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json = text ? ((jsonAnswer(res) ? JSON.parse(text) : text) as Record<string, any>) : null;
  return { status: res.status, json, headers: res.headers };
}

/** JSON, or a download (apiFileHandler: a .cast), whose text the answer's `json` then holds as it is. */
const jsonAnswer = (res: Response) => !res.headers.get("content-disposition")?.startsWith("attachment");

/** Calls the handler of `method` at `apiPath` among the loaded route files. */
export function router(routes: RouteFile[]) {
  return (method: (typeof HTTP_METHODS)[number], apiPath: string, options: CallOptions = {}) => {
    const route = routes.find((r) => r.path === apiPath);
    const handler = route?.handlers[method];
    if (!handler) throw new Error(`no ${method} handler for ${apiPath}`);
    return call(handler, method, apiPath, options);
  };
}

/**
 * The dashboard's JSON API over real HTTP for tests of its clients (the CLI):
 * a node:http server on loopback in front of every /api/v1 route handler found
 * on disk (app/api/v1/_testing/route-kit.ts), as scripts/serve.ts puts Next in
 * front of them, without needing a production build. The client address is
 * pinned as serve.ts pins it (x-forwarded-for set from the socket). Test
 * support only (the test file mocks "server-only").
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HTTP_METHODS, loadRouteFiles, nextRequest, type RouteFile } from "@/app/api/v1/_testing/route-kit";

export type ServedApi = { url: string; close(): Promise<void> };

/** "/api/v1/rollouts/12/cancel" -> the route whose template matches, and its params ({id: "12"}). */
function match(routes: RouteFile[], pathname: string): { route: RouteFile; params: Record<string, string> } | null {
  for (const route of routes) {
    const names: string[] = [];
    const pattern = route.path
      .split("/")
      .map((seg) => {
        const name = /^\{(\w+)\}$/.exec(seg)?.[1];
        if (name) names.push(name);
        return name ? "([^/]+)" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    const m = new RegExp(`^${pattern}$`).exec(pathname);
    if (m) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
  }
  return null;
}

async function answer(routes: RouteFile[], req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
  const found = match(routes, url.pathname);
  const method = (req.method ?? "GET") as (typeof HTTP_METHODS)[number];
  const handler = found?.route.handlers[method];
  if (!found || !handler) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "not_found", message: `no ${method} ${url.pathname}` } }));
    return;
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  headers.set("x-forwarded-for", req.socket.remoteAddress ?? "unknown");
  const withBody = !["GET", "HEAD"].includes(method);
  const nextReq = nextRequest(url.toString(), { method, headers, body: withBody ? new Uint8Array(body) : undefined });
  const out = await handler(nextReq, { params: Promise.resolve(found.params) });
  res.writeHead(out.status, Object.fromEntries(out.headers));
  res.end(Buffer.from(await out.arrayBuffer()));
}

export async function serveApi(): Promise<ServedApi> {
  const routes = await loadRouteFiles();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      answer(routes, req, Buffer.concat(chunks), res).catch((e: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "internal", message: String(e) } }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

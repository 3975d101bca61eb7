import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { issueFields } from "@/lib/domain/inventory/issue-fields";
import type { ApiContract, HandlerResult, ParsedInput } from "@/lib/server/api/api-contract";
import { checkResponse } from "@/lib/server/api/check-response";
import type { Actor } from "@/lib/server/auth/actor";
import { AppError } from "@/lib/server/errors/app-error";
import { toAppError } from "@/lib/server/errors/to-app-error";
import { decodeUtf8Body, parseStrictJson } from "@/lib/server/http/parse-strict-json";
import { API_HEADERS, applyHeaders } from "@/lib/server/http/security-headers";
import { newRequestId, runWithRequestId } from "@/lib/server/request-context";
import { apiActor, carriesBearer } from "./api-actor";

export const MAX_BODY_BYTES = 64 * 1024;

/** What Next passes a route handler: dynamic segments, as text. */
type RouteContext = { params: Promise<Record<string, string>> };
type NextHandler = (req: NextRequest, context: RouteContext) => Promise<NextResponse>;

/** What a handler gets: the request, who asks (null on an anonymous route) and its parsed input. */
export type HandlerContext<C extends ApiContract> = ParsedInput<C> & {
  req: NextRequest;
  actor: C extends { role: "anonymous" } ? null : Actor;
  /** Edits the success response before it leaves (a cookie); never applied to an error. */
  onResponse: (edit: (res: NextResponse) => void) => void;
};

/**
 * Every /api/v1 operation: `export const GET = apiHandler(contract, handler)`
 * (the contract: lib/server/api/api-contract.ts). In order: CSRF check (not for
 * bearer requests: api-actor.ts), the guard (the contract's role; session cookie or
 * `Authorization: Bearer bdt_…`), path params (404 when they name nothing), query
 * and body (size limit, strict JSON, 422 naming each field), the handler, and
 * its result checked against the declared response (check-response.ts). Every
 * error leaves in the one shape { error: { code, message, fields } }.
 */
export function apiHandler<const C extends ApiContract>(
  contract: C,
  handler: (ctx: HandlerContext<C>) => Promise<HandlerResult<C>>,
): NextHandler & { contract: C } {
  const run: NextHandler = (req, context) =>
    answer(req, async () => {
      const actor = contract.role === "anonymous" ? null : await apiActor(contract.role, req);
      const params = contract.params ? parseParams(contract.params, await context.params) : undefined;
      const query = contract.query ? readQuery(req, contract.query) : undefined;
      const body = contract.body ? await readJson(req, contract.body, contract.maxBodyBytes) : undefined;
      const edits: Array<(res: NextResponse) => void> = [];
      const onResponse = (edit: (res: NextResponse) => void) => void edits.push(edit);
      const result = await handler({ req, actor, params, query, body, onResponse } as HandlerContext<C>);
      const response: z.ZodType | null = contract.response;
      const res =
        response === null
          ? new NextResponse(null, { status: 204 })
          : NextResponse.json(checkResponse(response, result, `${req.method} ${req.nextUrl.pathname}`), {
              status: contract.status ?? 200,
            });
      for (const edit of edits) edit(res);
      return res;
    });
  return Object.assign(run, { contract });
}

/** What a download answers: the body (bytes, text or a stream), its length when known, and the file name. */
export type FileAnswer = { body: BodyInit; filename: string; size?: number };

/**
 * A download under /api/v1 (a recording's .cast): the same CSRF check, guard,
 * path and query parsing, error shape and headers as apiHandler; only the
 * success differs: `contract.produces` as the content type, an attachment.
 * GET only (no body is read).
 */
export function apiFileHandler<const C extends ApiContract & { produces: string; body?: undefined }>(
  contract: C,
  handler: (ctx: HandlerContext<C>) => Promise<FileAnswer>,
): NextHandler & { contract: C } {
  const run: NextHandler = (req, context) =>
    answer(req, async () => {
      const actor = contract.role === "anonymous" ? null : await apiActor(contract.role, req);
      const params = contract.params ? parseParams(contract.params, await context.params) : undefined;
      const query = contract.query ? readQuery(req, contract.query) : undefined;
      const onResponse = () => {
        throw new Error("apiFileHandler: onResponse is for JSON answers");
      };
      const ctx = { req, actor, params, query, body: undefined, onResponse };
      const file = await handler(ctx as unknown as HandlerContext<C>);
      // The name is the handler's own, but a quote or line break must never reach the header.
      const filename = file.filename.replace(/[^A-Za-z0-9._-]/g, "_");
      const headers: Record<string, string> = {
        "Content-Type": contract.produces,
        "Content-Disposition": `attachment; filename="${filename}"`,
      };
      if (file.size !== undefined) headers["Content-Length"] = String(file.size);
      return new NextResponse(file.body, { status: 200, headers });
    });
  return Object.assign(run, { contract });
}

/** The /api/v1 catch-all ([...path]): no operation and no contract; it only ever answers an error. */
export function fallbackApiHandler(handler: (req: NextRequest) => Promise<never>): NextHandler {
  return (req) => answer(req, () => handler(req));
}

/**
 * The CSRF check, the one error shape and the API headers, around every answer; and the
 * request's correlation id: on every audit event it writes, and answered as X-Request-Id.
 */
async function answer(req: NextRequest, run: () => Promise<NextResponse>): Promise<NextResponse> {
  const requestId = newRequestId();
  let res: NextResponse;
  try {
    if (!["GET", "HEAD", "OPTIONS"].includes(req.method) && !carriesBearer(req)) assertSameOrigin(req);
    res = await runWithRequestId(requestId, run);
  } catch (error) {
    const appError = toAppError(error);
    res = NextResponse.json(appError.toJSON(), { status: appError.status });
  }
  // Here, so no route (nor an error path) can answer without them: see lib/server/http/security-headers.ts.
  applyHeaders(res.headers, API_HEADERS);
  res.headers.set("X-Request-Id", requestId);
  return res;
}

/** A path segment that does not parse names no record: 404 with the schema's message ("host abc does not exist"). */
function parseParams(schema: z.ZodType, raw: Record<string, string>): unknown {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError("not_found", parsed.error.issues[0]?.message ?? "no such record");
}

/**
 * CSRF: the session cookie is SameSite=Strict, and a mutation must come from
 * our own origin (browsers always send Origin on POST/PUT/PATCH/DELETE);
 * non-browser clients (curl, the CLI) send no Origin and no cookie-borne intent.
 */
function assertSameOrigin(req: NextRequest): void {
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = "";
  }
  if (!host || originHost !== host) {
    throw new AppError("forbidden", `cross-site request refused (origin ${origin} is not this dashboard)`);
  }
}

const tooLarge = (limit: number) =>
  new AppError("payload_too_large", `request body is larger than ${limit} bytes (${Math.round(limit / 1024)} KiB)`);

/**
 * Reads the body, refusing it as soon as it passes the limit: the declared
 * Content-Length is checked first, and a chunked body is counted while it
 * streams, so an oversized request is never buffered whole.
 */
async function readBodyText(req: NextRequest, limit: number): Promise<string> {
  if (Number(req.headers.get("content-length") ?? "0") > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return decodeUtf8Body(Buffer.concat(chunks));
}

/**
 * Reads and validates a JSON body: size-limited UTF-8; malformed JSON, a repeated
 * key or a lone surrogate is 400 (parseStrictJson); schema errors 422 with field errors.
 */
export async function readJson<T>(req: NextRequest, schema: z.ZodType<T>, limit = MAX_BODY_BYTES): Promise<T> {
  const text = await readBodyText(req, limit);
  return parseWith(schema, text.trim() === "" ? {} : parseStrictJson(text));
}

/** Validates the query string (?q=&sort=...) like a body: 422 with per-parameter errors. */
export function readQuery<T>(req: NextRequest, schema: z.ZodType<T>): T {
  for (const [key, value] of req.nextUrl.searchParams) {
    // %00 decodes to NUL, which PostgreSQL text cannot hold: a 500 deep in a query otherwise.
    // (Bad UTF-8 in a query decodes to U+FFFD, never to a lone surrogate.)
    if (`${key}${value}`.includes("\u0000")) {
      const at = key.includes("\u0000") ? "query" : key;
      throw new AppError("bad_request", `query parameter ${JSON.stringify(at)} contains a NUL character (%00)`, {
        [at]: ["contains a NUL character (%00), which no text may hold"],
      });
    }
  }
  return parseWith(schema, Object.fromEntries(req.nextUrl.searchParams));
}

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = issueFields(parsed.error.issues);
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v.join(", ")}`)
    .join("; ");
  throw new AppError("validation", `invalid input — ${summary}`, fields);
}

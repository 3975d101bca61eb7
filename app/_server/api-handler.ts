import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { issueFields } from "@/lib/domain/inventory/issue-fields";
import type { Role } from "@/lib/domain/role";
import type { Actor } from "@/lib/server/auth/actor";
import { AppError } from "@/lib/server/errors/app-error";
import { toAppError } from "@/lib/server/errors/to-app-error";
import { decodeUtf8Body, parseStrictJson } from "@/lib/server/http/parse-strict-json";
import { API_HEADERS, applyHeaders } from "@/lib/server/http/security-headers";
import { guard } from "./guard";

export const MAX_BODY_BYTES = 64 * 1024;

type RouteContext<P> = { params: Promise<P> };
type Ctx<P> = { req: NextRequest; actor: Actor; params: P };
type PublicCtx<P> = { req: NextRequest; params: P };
type Options = { status?: number };

/**
 * Wraps every /api/v1 route: guard (role), CSRF check, body size limit, JSON
 * parsing, and the one error shape { error: { code, message, fields } }.
 */
export function apiHandler<P = Record<string, string>>(
  required: Role,
  handler: (ctx: Ctx<P>) => Promise<unknown>,
  options: Options = {},
) {
  return wrap<P>(async (req, params) => handler({ req, actor: await guard(required, "api", req), params }), options);
}

/**
 * The one route an anonymous client may call: signing in. Everything else
 * about it (CSRF check, error shape, body limit) is the same as apiHandler.
 */
export function publicApiHandler<P = Record<string, string>>(handler: (ctx: PublicCtx<P>) => Promise<unknown>, options: Options = {}) {
  return wrap<P>(async (req, params) => handler({ req, params }), options);
}

function wrap<P>(run: (req: NextRequest, params: P) => Promise<unknown>, options: Options) {
  return async (req: NextRequest, context: RouteContext<P>): Promise<NextResponse> => {
    const res = await answer(req, async () => {
      if (!["GET", "HEAD", "OPTIONS"].includes(req.method)) assertSameOrigin(req);
      return run(req, await context.params);
    }, options);
    // Here, so no route (nor an error path) can answer without them: see lib/server/http/security-headers.ts.
    applyHeaders(res.headers, API_HEADERS);
    return res;
  };
}

async function answer(req: NextRequest, run: () => Promise<unknown>, options: Options): Promise<NextResponse> {
  try {
    const result = await run();
    if (result instanceof NextResponse) return result;
    if (result === undefined) return new NextResponse(null, { status: 204 });
    return NextResponse.json(result, { status: options.status ?? 200 });
  } catch (error) {
    const appError = toAppError(error);
    return NextResponse.json(appError.toJSON(), { status: appError.status });
  }
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
  try { originHost = new URL(origin).host; } catch { originHost = ""; }
  if (!host || originHost !== host) {
    throw new AppError("forbidden", `cross-site request refused (origin ${origin} is not this dashboard)`);
  }
}

const tooLarge = () => new AppError("payload_too_large", `request body is larger than ${MAX_BODY_BYTES} bytes (64 KiB)`);

/**
 * Reads the body, refusing it as soon as it passes the limit: the declared
 * Content-Length is checked first, and a chunked body is counted while it
 * streams, so an oversized request is never buffered whole.
 */
async function readBodyText(req: NextRequest): Promise<string> {
  if (Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return decodeUtf8Body(Buffer.concat(chunks));
}

/**
 * Reads and validates a JSON body: size-limited UTF-8; malformed JSON, a repeated
 * key or a lone surrogate is 400 (parseStrictJson); schema errors 422 with field errors.
 */
export async function readJson<T>(req: NextRequest, schema: z.ZodType<T>): Promise<T> {
  const text = await readBodyText(req);
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
  const summary = Object.entries(fields).map(([k, v]) => `${k}: ${v.join(", ")}`).join("; ");
  throw new AppError("validation", `invalid input — ${summary}`, fields);
}

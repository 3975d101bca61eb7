import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import type { Role } from "@/lib/domain/role";
import type { Actor } from "@/lib/server/auth/actor";
import { AppError } from "@/lib/server/errors/app-error";
import { toAppError } from "@/lib/server/errors/to-app-error";
import { guard } from "./guard";

export const MAX_BODY_BYTES = 64 * 1024;

type Ctx<P> = { req: NextRequest; actor: Actor; params: P };

/**
 * Wraps every /api/v1 route: guard (role), CSRF check, body size limit, JSON
 * parsing, and the one error shape { error: { code, message, fields } }.
 */
export function apiHandler<P = Record<string, string>>(
  required: Role,
  handler: (ctx: Ctx<P>) => Promise<unknown>,
  options: { status?: number } = {},
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<NextResponse> => {
    try {
      if (!["GET", "HEAD", "OPTIONS"].includes(req.method)) assertSameOrigin(req);
      const actor = await guard(required, "api");
      const result = await handler({ req, actor, params: await context.params });
      if (result instanceof NextResponse) return result;
      if (result === undefined) return new NextResponse(null, { status: 204 });
      return NextResponse.json(result, { status: options.status ?? 200 });
    } catch (error) {
      const appError = toAppError(error);
      return NextResponse.json(appError.toJSON(), { status: appError.status });
    }
  };
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

/** Reads and validates a JSON body: size-limited, malformed JSON and schema errors as 4xx with field errors. */
export async function readJson<T>(req: NextRequest, schema: z.ZodType<T>): Promise<T> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large", `request body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("payload_too_large", `request body is larger than ${MAX_BODY_BYTES} bytes`);
  let json: unknown;
  try { json = text === "" ? {} : JSON.parse(text); } catch (e) {
    throw new AppError("bad_request", `request body is not valid JSON: ${(e as Error).message}`);
  }
  return parseWith(schema, json);
}

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "body";
    (fields[key] ??= []).push(issue.message);
  }
  const summary = Object.entries(fields).map(([k, v]) => `${k}: ${v.join(", ")}`).join("; ");
  throw new AppError("validation", `invalid input — ${summary}`, fields);
}

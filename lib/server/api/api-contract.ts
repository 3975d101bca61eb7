import type { z } from "zod";
import type { Role } from "@/lib/domain/role";

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type ApiMethod = (typeof API_METHODS)[number];
export type ApiRole = Role | "anonymous";

/**
 * What one /api/v1 operation takes and answers, declared beside its handler
 * (app/_server/api-handler.ts enforces it; lib/server/api/openapi.ts documents
 * it). The method is the name the route file exports it under and the path is
 * where the file sits, so neither is written here a second time.
 */
export type ApiContract = {
  role: ApiRole;
  /** One line for the OpenAPI document. */
  summary: string;
  /**
   * Path parameters ({code}, {id}) as Next hands them over: text. A value that
   * does not parse names no record, so it is a 404 with the schema's message.
   */
  params?: z.ZodType<unknown, Record<string, string>>;
  /** The query string, one string per key; 422 naming each bad parameter. */
  query?: z.ZodType;
  /** The JSON body (at most 64 KiB, strict JSON); 422 naming each bad field. */
  body?: z.ZodType;
  /**
   * A larger body limit, in bytes, for the few routes whose body is a file
   * (POST /import: a 10,000-host CSV is about 2 MB). Every other route keeps 64 KiB.
   */
  maxBodyBytes?: number;
  /** What a success answers; null: 204 No Content. */
  response: z.ZodType | null;
  /** Of a success; 200 unless it created (201) or only started (202) something. */
  status?: 200 | 201 | 202;
  /**
   * A download rather than JSON (apiFileHandler): the success body's media type,
   * e.g. "application/x-asciicast"; `response` then describes that body (z.string()).
   */
  produces?: string;
};

type Parsed<C, K extends "params" | "query" | "body"> = C extends { [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** What the handler gets: the parsed params, query and body its contract declares. */
export type ParsedInput<C extends ApiContract> = {
  params: Parsed<C, "params">;
  query: Parsed<C, "query">;
  body: Parsed<C, "body">;
};

/** What the handler returns: the response schema's input (apiHandler parses it on the way out). */
export type HandlerResult<C extends ApiContract> = C extends { response: infer S extends z.ZodType }
  ? z.input<S>
  : void;

/** A route export that carries its contract: how the OpenAPI document and the tests find it. */
export type WithContract = { contract: ApiContract };

/** The contracts a route module exports, by method (GET, POST, ...). */
export function contractsOf(module: Record<string, unknown>): Array<[ApiMethod, ApiContract]> {
  const out: Array<[ApiMethod, ApiContract]> = [];
  for (const method of API_METHODS) {
    const exported = module[method] as Partial<WithContract> | undefined;
    if (exported === undefined) continue;
    // Every operation is declared: a handler not made by apiHandler would be served undocumented.
    if (!exported.contract) throw new Error(`${method} is exported without a contract (wrap it in apiHandler)`);
    out.push([method, exported.contract]);
  }
  return out;
}

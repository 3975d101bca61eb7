import { z } from "zod";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { API_OPERATIONS, type ApiOperation } from "./api-operations";
import { INPUT_SCHEMAS, OUTPUT_SCHEMAS } from "./openapi-schemas";

type JsonSchema = Record<string, unknown>;

/** zod 4's own JSON Schema (draft 2020-12, which OpenAPI 3.1 uses), minus the per-document $schema. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("ErrorResponse") } } });

/** Query schemas become one `in: query` parameter per property. */
function queryParameters(name: string): unknown[] {
  const schema = jsonSchema(INPUT_SCHEMAS[name]!, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([param, s]) => ({
    name: param, in: "query", required: schema.required?.includes(param) ?? false, schema: s,
    ...(typeof s.description === "string" ? { description: s.description } : {}),
  }));
}

function operation(o: ApiOperation) {
  const pathParams = [...o.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1], in: "path", required: true, schema: { type: "string" },
    description: m[1] === "code" ? "branch code, e.g. BR-0042 (case-insensitive)" : "numeric id",
  }));
  const responses: Record<string, unknown> = o.response
    ? { [String(o.status ?? 200)]: { description: "OK", content: { "application/json": { schema: ref(o.response) } } } }
    : { 204: { description: "done, no content" } };
  if (o.body) {
    responses[400] = errorResponse("the body is not valid JSON");
    responses[413] = errorResponse("the body is larger than 64 KiB");
  }
  if (o.body || o.query) responses[422] = errorResponse("invalid input; `fields` names each problem");
  if (o.role === "anonymous") responses[429] = errorResponse("too many failed sign-ins");
  else {
    responses[401] = errorResponse("not signed in");
    responses[403] = errorResponse(`needs the ${o.role} role, or a cross-site mutation`);
  }
  if (pathParams.length) responses[404] = errorResponse("no such record");
  if (o.method !== "get") responses[409] = errorResponse("conflicts with the current inventory");
  return {
    summary: o.summary,
    "x-required-role": o.role,
    ...(o.role === "anonymous" ? { security: [] } : {}),
    parameters: [...pathParams, ...(o.query ? queryParameters(o.query) : [])],
    ...(o.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(o.body) } } } } : {}),
    responses,
  };
}

let cached: JsonSchema | undefined;

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the routes parse with. */
export function buildOpenApiDocument(): JsonSchema {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const o of API_OPERATIONS) (paths[o.path] ??= {})[o.method] = operation(o);
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, s] of Object.entries(INPUT_SCHEMAS)) schemas[name] = jsonSchema(s, "input");
  for (const [name, s] of Object.entries(OUTPUT_SCHEMAS)) schemas[name] = jsonSchema(s, "output");
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Branchdesk API",
      version: "1",
      description:
        "Inventory of branch gateways, hosts and guests. Sign in with POST /api/v1/session; every other call needs the " +
        `${SESSION_COOKIE} cookie. Mutations from a browser must be same-origin. Errors are { error: { code, message, fields } }.`,
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }],
    paths,
    components: { schemas, securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } } },
  };
  return cached;
}

/**
 * Reads /api/v1/openapi.json the way a client does (through its route
 * handler) and pairs every documented operation with the handler that serves
 * it, so the fuzz test walks exactly what clients are told exists.
 */
import { call, type RouteFile } from "./route-kit";

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  pattern?: string;
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  $ref?: string;
};

type Handler = NonNullable<RouteFile["handlers"]["GET"]>;
type Parameter = { name: string; in: "path" | "query"; required?: boolean; schema: JsonSchema };
type DocOperation = {
  "x-required-role": string;
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, unknown>;
};
type Doc = {
  paths: Record<string, Record<string, DocOperation>>;
  components: { schemas: Record<string, JsonSchema> };
};

export type FuzzOperation = {
  key: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  role: string;
  pathParams: string[];
  query: JsonSchema;
  body?: JsonSchema;
  successStatuses: number[];
  /** The success body's media type: application/json, or a download's (a .cast). */
  successMediaType: string;
  handler: Handler;
};

function successMediaType(op: DocOperation): string {
  const ok = Object.entries(op.responses).find(([status]) => Number(status) < 300)?.[1] as
    { content?: Record<string, unknown> } | undefined;
  return Object.keys(ok?.content ?? {})[0] ?? "application/json";
}

/** Inlines "#/components/schemas/X" references (zod's output has no cycles). */
function resolve(schema: JsonSchema, doc: Doc): JsonSchema {
  if (schema.$ref) {
    const name = /^#\/components\/schemas\/(\w+)$/.exec(schema.$ref)?.[1];
    const target = name ? doc.components.schemas[name] : undefined;
    if (!target) throw new Error(`openapi.json: cannot resolve ${schema.$ref}`);
    return resolve(target, doc);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, resolve(s, doc)]));
  }
  if (schema.items) out.items = resolve(schema.items, doc);
  if (schema.anyOf) out.anyOf = schema.anyOf.map((s) => resolve(s, doc));
  return out;
}

/**
 * The document's operations, each with its handler; `problems` lists every
 * documented operation no route serves and every served one the document lacks.
 */
export async function walkOpenApi(routes: RouteFile[], viewerToken: string) {
  const openapi = routes.find((r) => r.path === "/api/v1/openapi.json")?.handlers.GET;
  if (!openapi) throw new Error("no route serves GET /api/v1/openapi.json");
  const res = await call(openapi, "GET", "/api/v1/openapi.json", { token: viewerToken });
  if (res.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
  const doc = res.json as Doc;
  const operations: FuzzOperation[] = [];
  const problems: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase() as FuzzOperation["method"];
      const handler = routes.find((r) => r.path === path)?.handlers[method];
      if (!handler) {
        problems.push(`${method} ${path} is documented but no route serves it`);
        continue;
      }
      const params = op.parameters ?? [];
      const query = params.filter((p) => p.in === "query");
      const body = op.requestBody?.content["application/json"].schema;
      operations.push({
        key: `${method} ${path}`,
        method,
        path,
        handler,
        role: op["x-required-role"],
        pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
        query: {
          type: "object",
          properties: Object.fromEntries(query.map((p) => [p.name, resolve(p.schema, doc)])),
          required: query.filter((p) => p.required).map((p) => p.name),
        },
        body: body ? resolve(body, doc) : undefined,
        successStatuses: Object.keys(op.responses)
          .map(Number)
          .filter((s) => s < 300),
        successMediaType: successMediaType(op),
      });
    }
  }
  for (const r of routes) {
    for (const method of Object.keys(r.handlers)) {
      if (doc.paths[r.path]?.[method.toLowerCase()]) continue;
      problems.push(`${method} ${r.path} is served (${r.file}) but not documented`);
    }
  }
  return { operations, problems };
}

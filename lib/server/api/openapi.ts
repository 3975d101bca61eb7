import { z } from "zod";
import { ZErrorResponse } from "@/lib/domain/error-response";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { contractsOf } from "./api-contract";
import { openApiOperation } from "./openapi-operation";
import { SchemaComponents } from "./schema-components";

/** A route module and the OpenAPI path it serves (app/api/v1/route-index.ts lists them). */
export type ApiRoute = { path: string; module: Record<string, unknown> };

/** What GET /api/v1/openapi.json answers; its parts are OpenAPI's own, not repeated here. */
export const ZOpenApiDocument = z
  .object({
    openapi: z.literal("3.1.0"),
    info: z.object({ title: z.string(), version: z.string() }).loose(),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.object({ schemas: z.record(z.string(), z.unknown()) }).loose(),
  })
  .loose()
  .meta({ description: "this document (OpenAPI 3.1)" });

export type OpenApiDocument = z.infer<typeof ZOpenApiDocument>;

const built = new WeakMap<readonly ApiRoute[], OpenApiDocument>();

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the contracts the route
 * modules declare beside their handlers (the same zod schemas apiHandler
 * parses and checks with). Built once per list of routes: it never changes
 * while the process runs.
 */
export function buildOpenApiDocument(routes: readonly ApiRoute[]): OpenApiDocument {
  const cached = built.get(routes);
  if (cached) return cached;
  const components = new SchemaComponents();
  components.toJson(ZErrorResponse, "output");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { path, module } of routes) {
    for (const [method, contract] of contractsOf(module)) {
      (paths[path] ??= {})[method.toLowerCase()] = openApiOperation(method, path, contract, components);
    }
  }
  const doc: OpenApiDocument = {
    openapi: "3.1.0",
    info: {
      title: "Branchdesk API",
      version: "1",
      description:
        "Inventory of branch gateways, hosts and guests. Sign in with POST /api/v1/session; every other call " +
        `needs the ${SESSION_COOKIE} cookie, or an API token as \`Authorization: Bearer bdt_…\` (bearerAuth; ` +
        "create one on the Tokens page or with POST /api/v1/tokens). Cookie mutations must be same-origin. " +
        "Errors are { error: { code, message, fields } }.",
    },
    servers: [{ url: "/" }],
    // Either scheme: a session cookie or an API token (issue 15).
    security: [{ session: [] }, { bearerAuth: [] }],
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "bdt_<12 letters and digits>_<43 letters and digits>",
          description: "An API token: acts with the lower of its role and its owner's current role; no CSRF check",
        },
      },
    },
  };
  built.set(routes, doc);
  return doc;
}

import { describe, expect, it, vi } from "vitest";
import type { JsonSchema } from "@/app/api/v1/_testing/openapi-walk";
import { API_ROUTES } from "@/app/api/v1/route-index";
import { contractsOf } from "./api-contract";
import { buildOpenApiDocument } from "./openapi";

// "server-only" throws outside a React Server bundle; the route modules import it.
vi.mock("server-only", () => ({}));

type Content = Record<string, { schema: JsonSchema }>;
type Operation = {
  "x-required-role": string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: JsonSchema; description?: string }>;
  requestBody?: { content: Content };
  responses: Record<string, { content?: Content }>;
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
};
const doc = buildOpenApiDocument(API_ROUTES) as unknown as Doc;
const op = (path: string, method: string) => doc.paths[path]![method]!;
const component = (id: string) => doc.components.schemas[id]!;
const jsonBody = (o: Operation) => o.requestBody!.content["application/json"]!.schema;

/** The schema of the operation's success, or null for a 204. */
function success(o: Operation): JsonSchema | null {
  const status = Object.keys(o.responses).find((s) => Number(s) < 300)!;
  // The first (only) media type: application/json, or a download's (a recording's .cast).
  return status === "204" ? null : Object.values(o.responses[status]!.content!)[0]!.schema;
}

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe("the OpenAPI document, generated from the routes' contracts", () => {
  it("is OpenAPI 3.1 with one operation per exported handler of every route module", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.entries(doc.paths).flatMap(([p, m]) => Object.keys(m).map((k) => `${k.toUpperCase()} ${p}`));
    const declared = API_ROUTES.flatMap((r) => contractsOf(r.module).map(([method]) => `${method} ${r.path}`));
    expect(ops.sort()).toEqual(declared.sort());
    expect(ops.length).toBeGreaterThanOrEqual(20);
  });

  it("every $ref points at a component that exists", () => {
    const missing = refs(doc).filter((r) => !doc.components.schemas[r.replace("#/components/schemas/", "")]);
    expect(missing).toEqual([]);
  });

  it("names shared schemas once, by their zod .meta({ id })", () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        "ErrorResponse",
        "BranchSummary",
        "BranchWithGateway",
        "GatewayView",
        "HostView",
        "GuestView",
        "UserView",
        "AuditEventView",
        "RolloutView",
        "TargetView",
        "TargetPlan",
        "TrustHostKeyInput",
        "FieldWarnings",
      ]),
    );
    const hostKeyBodies = ["/api/v1/hosts/{id}/host-key", "/api/v1/branches/{code}/gateway/host-key"].map((p) =>
      jsonBody(op(p, "post")),
    );
    expect(hostKeyBodies).toEqual([{ $ref: "#/components/schemas/TrustHostKeyInput" }, hostKeyBodies[0]]);
  });

  it("documents request bodies as the client sends them (defaults optional, allocated fields optional)", () => {
    const host = jsonBody(op("/api/v1/branches/{code}/hosts", "post"));
    expect(host.required!.sort()).toEqual(["hostname", "nicMac", "serial"]);
    expect(host.properties!.guest!.required!.sort()).toEqual(["domain", "ip", "name"]);
    expect(host.properties!.state!.enum).toEqual(["planned", "enrolled", "active", "retired"]);
    const branch = jsonBody(op("/api/v1/branches", "post"));
    expect(branch.required!.sort()).toEqual(["code", "lanCidr", "name", "region"]);
  });

  it("gives every success a schema: rollouts are described field by field, not as any object", () => {
    const targets = success(op("/api/v1/rollouts/{id}", "get"))!.properties!.targets!;
    expect(targets.items).toEqual({ $ref: "#/components/schemas/TargetView" });
    expect(component("RolloutView").properties!.status!.enum).toContain("interrupted");
    expect(component("TargetView").required).toContain("plan");
    expect(success(op("/api/v1/rollouts/{id}/cancel", "post"))).toBeNull();
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [m, o] of Object.entries(methods)) {
        const schema = success(o);
        if (schema) expect(schema.$ref ?? schema.type, `${m} ${p}`).toBeTruthy();
      }
    }
  });

  it("documents the one error shape on every operation, and who may call it", () => {
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [m, o] of Object.entries(methods)) {
        const anonymous = o["x-required-role"] === "anonymous";
        const statuses = anonymous ? ["429"] : ["401", "403"];
        expect(Object.keys(o.responses), `${m} ${p}`).toEqual(expect.arrayContaining(statuses));
        const error = o.responses[statuses[0]!]!.content!["application/json"]!.schema;
        expect(error.$ref).toBe("#/components/schemas/ErrorResponse");
      }
    }
    const error = component("ErrorResponse").properties!.error!;
    expect(error.required!.sort()).toEqual(["code", "fields", "message"]);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("turns query schemas into query parameters and params schemas into path parameters", () => {
    const audit = op("/api/v1/audit", "get").parameters;
    expect(audit.map((p) => p.name)).toEqual(
      expect.arrayContaining(["entityType", "entityId", "actor", "action", "cursor", "limit"]),
    );
    expect(audit.every((p) => p.in === "query")).toBe(true);
    expect(op("/api/v1/hosts/{id}", "get").parameters[0]).toMatchObject({
      name: "id",
      in: "path",
      required: true,
      schema: { type: "string" },
      description: "numeric host id",
    });
    expect(op("/api/v1/branches/{code}", "get").parameters[0]).toMatchObject({ name: "code", in: "path" });
  });
});

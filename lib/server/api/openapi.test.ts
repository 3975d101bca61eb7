import { describe, expect, it, vi } from "vitest";
import { API_ROUTES } from "@/app/api/v1/route-index";
import { contractsOf } from "./api-contract";
import { buildOpenApiDocument } from "./openapi";

// "server-only" throws outside a React Server bundle; the route modules import it.
vi.mock("server-only", () => ({}));

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any> };
};
const doc = buildOpenApiDocument(API_ROUTES) as Doc;

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) k === "$ref" && typeof v === "string" ? out.push(v) : refs(v, out);
  }
  return out;
}

const jsonBody = (op: any) => op.requestBody.content["application/json"].schema;

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
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining([
      "ErrorResponse", "BranchSummary", "BranchWithGateway", "GatewayView", "HostView", "GuestView", "UserView",
      "AuditEventView", "RolloutView", "TargetView", "TargetPlan", "TrustHostKeyInput", "FieldWarnings",
    ]));
    const hostKeyBodies = ["/api/v1/hosts/{id}/host-key", "/api/v1/branches/{code}/gateway/host-key"]
      .map((p) => jsonBody(doc.paths[p]!.post));
    expect(hostKeyBodies).toEqual([{ $ref: "#/components/schemas/TrustHostKeyInput" }, hostKeyBodies[0]]);
  });

  it("documents request bodies as the client sends them (defaults optional, allocated fields optional)", () => {
    const host = jsonBody(doc.paths["/api/v1/branches/{code}/hosts"]!.post);
    expect(host.required.sort()).toEqual(["hostname", "nicMac", "serial"]);
    expect(host.properties.guest.required.sort()).toEqual(["domain", "ip", "name"]);
    expect(host.properties.state.enum).toEqual(["planned", "enrolled", "active", "retired"]);
    const branch = jsonBody(doc.paths["/api/v1/branches"]!.post);
    expect(branch.required.sort()).toEqual(["code", "lanCidr", "name", "region"]);
  });

  it("gives every success a schema: rollouts are described field by field, not as any object", () => {
    const ok = (p: string, m: string) => {
      const responses = doc.paths[p]![m].responses;
      const status = Object.keys(responses).find((s) => Number(s) < 300)!;
      return status === "204" ? null : responses[status].content["application/json"].schema;
    };
    const targets = ok("/api/v1/rollouts/{id}", "get").properties.targets;
    expect(targets.items).toEqual({ $ref: "#/components/schemas/TargetView" });
    expect(doc.components.schemas.RolloutView.properties.status.enum).toContain("interrupted");
    expect(doc.components.schemas.TargetView.required).toContain("plan");
    expect(ok("/api/v1/rollouts/{id}/cancel", "post")).toBeNull();
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const m of Object.keys(methods)) {
        const schema = ok(p, m);
        if (schema) expect(schema.$ref ?? schema.type, `${m} ${p}`).toBeTruthy();
      }
    }
  });

  it("documents the one error shape on every operation, and who may call it", () => {
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) {
        const anonymous = op["x-required-role"] === "anonymous";
        const statuses = anonymous ? ["429"] : ["401", "403"];
        expect(Object.keys(op.responses), `${m} ${p}`).toEqual(expect.arrayContaining(statuses));
        const error = op.responses[anonymous ? "429" : "401"].content["application/json"].schema;
        expect(error.$ref).toBe("#/components/schemas/ErrorResponse");
      }
    }
    const error = doc.components.schemas.ErrorResponse.properties.error;
    expect(error.required.sort()).toEqual(["code", "fields", "message"]);
    expect((doc as any).components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
  });

  it("turns query schemas into query parameters and params schemas into path parameters", () => {
    const params = doc.paths["/api/v1/audit"]!.get.parameters.map((p: { name: string; in: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(["entityType", "entityId", "actor", "action", "cursor", "limit"]));
    expect(doc.paths["/api/v1/audit"]!.get.parameters.every((p: { in: string }) => p.in === "query")).toBe(true);
    expect(doc.paths["/api/v1/hosts/{id}"]!.get.parameters[0]).toMatchObject({
      name: "id", in: "path", required: true, schema: { type: "string" }, description: "numeric host id",
    });
    expect(doc.paths["/api/v1/branches/{code}"]!.get.parameters[0]).toMatchObject({ name: "code", in: "path" });
  });
});

import { describe, expect, it } from "vitest";
import { API_OPERATIONS } from "./api-operations";
import { buildOpenApiDocument } from "./openapi";

type Doc = { openapi: string; paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };
const doc = buildOpenApiDocument() as Doc;

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) k === "$ref" && typeof v === "string" ? out.push(v) : refs(v, out);
  }
  return out;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with one operation per API_OPERATIONS entry", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.entries(doc.paths).flatMap(([p, m]) => Object.keys(m).map((k) => `${k} ${p}`));
    expect(ops.sort()).toEqual(API_OPERATIONS.map((o) => `${o.method} ${o.path}`).sort());
  });

  it("every $ref points at a component that exists", () => {
    const missing = refs(doc).filter((r) => !doc.components.schemas[r.replace("#/components/schemas/", "")]);
    expect(missing).toEqual([]);
  });

  it("documents request bodies as the client sends them (defaults optional, allocated fields optional)", () => {
    const host = doc.components.schemas.CreateHostInput;
    expect(host.required.sort()).toEqual(["hostname", "nicMac", "serial"]);
    expect(host.properties.guest.required.sort()).toEqual(["domain", "ip", "name"]);
    expect(host.properties.state.enum).toEqual(["planned", "enrolled", "active", "retired"]);
    expect(doc.components.schemas.CreateBranchInput.required.sort()).toEqual(["code", "lanCidr", "name", "region"]);
  });

  it("documents the one error shape on every operation, and who may call it", () => {
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) {
        const anonymous = op["x-required-role"] === "anonymous";
        expect(Object.keys(op.responses), `${m} ${p}`).toEqual(expect.arrayContaining(anonymous ? ["429"] : ["401", "403"]));
        expect(op.responses[anonymous ? "429" : "401"].content["application/json"].schema.$ref).toBe("#/components/schemas/ErrorResponse");
      }
    }
    expect(doc.components.schemas.ErrorResponse.properties.error.required.sort()).toEqual(["code", "fields", "message"]);
  });

  it("turns query schemas into query parameters", () => {
    const params = doc.paths["/api/v1/audit"]!.get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(params).toEqual(["query:entityType", "query:entityId", "query:actor", "query:action", "query:cursor", "query:limit"]);
    expect(doc.paths["/api/v1/hosts/{id}"]!.get.parameters[0]).toMatchObject({ name: "id", in: "path", required: true });
  });
});

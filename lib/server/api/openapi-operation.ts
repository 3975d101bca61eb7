import type { ApiContract, ApiMethod } from "./api-contract";
import { ref, type JsonSchema, type SchemaComponents } from "./schema-components";

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("ErrorResponse") } },
});

/** The {names} in an OpenAPI path, in order. */
const pathNames = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/**
 * One operation of the document, from its contract: parameters, body and the
 * success answer from the contract's schemas; the error answers from what
 * apiHandler does with each part of the contract.
 */
export function openApiOperation(method: ApiMethod, path: string, c: ApiContract, components: SchemaComponents) {
  const pathParams = c.params ? components.parameters(c.params, "path") : [];
  const declared = pathParams.map((p) => p.name).sort();
  if (declared.join() !== pathNames(path).sort().join()) {
    throw new Error(`${method} ${path}: its contract's params are {${declared.join(", ")}}, its path's are not`);
  }
  const content = (schema: JsonSchema) => ({ "application/json": { schema } });
  const success = (schema: JsonSchema) => (c.produces ? { [c.produces]: { schema } } : content(schema));
  const responses: Record<string, unknown> = c.response
    ? { [String(c.status ?? 200)]: { description: "OK", content: success(components.toJson(c.response, "output")) } }
    : { 204: { description: "done, no content" } };
  if (c.body) {
    responses[400] = errorResponse("the body is not valid JSON (or not UTF-8, a repeated key, a NUL)");
    responses[413] = errorResponse("the body is larger than 64 KiB");
  } else if (c.query) {
    responses[400] = errorResponse("a query parameter holds a NUL (%00)");
  }
  if (c.body || c.query) responses[422] = errorResponse("invalid input; `fields` names each problem");
  if (c.role === "anonymous") responses[429] = errorResponse("too many failed sign-ins");
  else {
    responses[401] = errorResponse(
      "not signed in, or the API token is unknown, revoked, expired or not for this address",
    );
    responses[403] = errorResponse(`needs the ${c.role} role, or a cross-site mutation`);
    responses[429] = errorResponse("too many failed API tokens or sign-ins from this address");
  }
  if (pathParams.length) responses[404] = errorResponse("no such record");
  if (method !== "GET") responses[409] = errorResponse("conflicts with the current inventory");
  return {
    summary: c.summary,
    "x-required-role": c.role,
    ...(c.role === "anonymous" ? { security: [] } : {}),
    parameters: [...pathParams, ...(c.query ? components.parameters(c.query, "query") : [])],
    ...(c.body ? { requestBody: { required: true, content: content(components.toJson(c.body, "input")) } } : {}),
    responses,
  };
}

import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

const COMPONENTS = "#/components/schemas/";

/** "#/$defs/HostView" (zod's) -> "#/components/schemas/HostView" (OpenAPI's), everywhere in `value`. */
function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, COMPONENTS) : relink(v),
    ]),
  );
}

/**
 * The document's reusable schemas, collected while operations are converted.
 * A schema named with zod's `.meta({ id: "HostView" })`, where it is defined,
 * becomes components.schemas.HostView and is referenced wherever it is used;
 * everything else is written inline. Nothing else names schemas.
 */
export class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};

  /**
   * zod 4's own JSON Schema (draft 2020-12, which OpenAPI 3.1 uses). Requests are
   * documented as the client sends them (io "input": defaults optional, before
   * transforms), responses as the server answers (io "output").
   */
  toJson(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const converted = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
    const { $schema: _dialect, $defs, ...rest } = converted;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.add(id, relink(def) as JsonSchema);
    }
    return relink(rest) as JsonSchema;
  }

  /** The same id must mean the same schema in every operation (and in requests and responses alike). */
  private add(id: string, schema: JsonSchema): void {
    // zod names schemas it extracts on its own (a cycle) __schema0, __schema1...: per conversion, so they would clash.
    if (id.startsWith("__schema")) throw new Error(`a recursive schema needs .meta({ id }) to be documented (${id})`);
    const known = this.schemas[id];
    if (known && JSON.stringify(known) !== JSON.stringify(schema)) {
      throw new Error(`schema id "${id}" names two different schemas (or reads differently as input and output)`);
    }
    this.schemas[id] = schema;
  }

  /** One parameter per property of a params or query object schema. */
  parameters(schema: z.ZodType, where: "path" | "query"): JsonSchema[] {
    const json = this.toJson(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, s]) => ({
      name,
      in: where,
      required: where === "path" || (json.required?.includes(name) ?? false),
      schema: s,
      ...(typeof s.description === "string" ? { description: s.description } : {}),
    }));
  }
}

export const ref = (id: string) => ({ $ref: `${COMPONENTS}${id}` });

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROVIDERS, renderSchema, schemaPath } from "./schema-files";

describe("provider schemas", () => {
  it.each(PROVIDERS)("prisma/%s/schema.prisma is generated from prisma/models.prisma (run npm run db:schemas)", (p) => {
    expect(readFileSync(schemaPath(p), "utf8")).toBe(renderSchema(p));
  });
});

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PROVIDERS, renderSchema, schemaPath } from "./schema-files";

for (const provider of PROVIDERS) {
  mkdirSync(path.dirname(schemaPath(provider)), { recursive: true });
  writeFileSync(schemaPath(provider), renderSchema(provider));
  console.log(`wrote ${path.relative(process.cwd(), schemaPath(provider))}`);
}

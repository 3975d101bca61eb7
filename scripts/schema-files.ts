import { readFileSync } from "node:fs";
import path from "node:path";

/** The two providers Branchdesk runs on. */
export const PROVIDERS = ["sqlite", "postgresql"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const ROOT = path.resolve(__dirname, "..");

export function schemaPath(provider: Provider): string {
  return path.join(ROOT, "prisma", provider, "schema.prisma");
}

/**
 * Renders one provider's schema from prisma/models.prisma. The datasource URL is
 * a dummy on purpose: Prisma 6.19's CLI falls back to downloading an engine when
 * it is missing; the driver adapter in prisma.config.ts supplies the real one.
 */
export function renderSchema(provider: Provider): string {
  const models = readFileSync(path.join(ROOT, "prisma", "models.prisma"), "utf8");
  const dummyUrl = provider === "sqlite" ? "file:./unused.db" : "postgresql://unused@localhost/unused";
  return [
    `// GENERATED from prisma/models.prisma by \`npm run db:schemas\`. Do not edit.`,
    ``,
    `generator client {`,
    `  provider   = "prisma-client"`,
    `  output     = "../generated/${provider}"`,
    `  engineType = "client"`,
    `  runtime    = "nodejs"`,
    `  moduleFormat = "cjs"`,
    `}`,
    ``,
    `datasource db {`,
    `  provider = "${provider}"`,
    `  url      = "${dummyUrl}"`,
    `}`,
    ``,
    models,
  ].join("\n");
}

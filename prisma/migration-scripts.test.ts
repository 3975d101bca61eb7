import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const scripts = ["sqlite", "postgresql"].flatMap((provider) => {
  const dir = path.join(__dirname, provider, "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => [`${provider}/${e.name}`, readFileSync(path.join(dir, e.name, "migration.sql"), "utf8")] as const);
});

describe("migration scripts", () => {
  // `prisma migrate deploy` through the pg driver adapter splits a script on every
  // semicolon, comments included: "-- a; b" became a statement "b" and the deploy failed.
  it.each(scripts)("%s has no semicolon inside a comment", (_name, sql) => {
    expect(sql.split("\n").filter((line) => /--.*;/.test(line))).toEqual([]);
  });
});

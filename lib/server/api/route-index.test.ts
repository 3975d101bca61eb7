import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiPathOf, listRouteFiles, renderRouteIndex } from "./route-files";

const V1 = path.resolve(__dirname, "../../../app/api/v1");

describe("app/api/v1/route-index.ts, the list the OpenAPI document is built from", () => {
  it("names exactly the route.ts files on disk (else: npx tsx scripts/generate-route-index.ts)", () => {
    const committed = readFileSync(path.join(V1, "route-index.ts"), "utf8");
    expect(committed).toBe(renderRouteIndex(listRouteFiles(V1)));
  });

  it("finds every operation's route file, and neither test support nor the unknown-path fallback", () => {
    const files = listRouteFiles(V1).map((f) => f.file);
    expect(files).toEqual(expect.arrayContaining(["branches/route.ts", "branches/[code]/gateway/host-key/route.ts"]));
    expect(files.filter((f) => f.startsWith("_") || f.includes("[..."))).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each([
    ["branches/route.ts", "/api/v1/branches"],
    ["branches/[code]/gateway/host-key/route.ts", "/api/v1/branches/{code}/gateway/host-key"],
    ["openapi.json/route.ts", "/api/v1/openapi.json"],
  ])("%s serves %s", (file, apiPath) => {
    expect(apiPathOf(file)).toBe(apiPath);
  });
});

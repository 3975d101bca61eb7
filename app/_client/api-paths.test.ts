import path from "node:path";
import { describe, expect, it } from "vitest";
import { listRouteFiles } from "@/lib/server/api/route-files";
import { apiPaths, withSearch } from "./api-paths";

const SAMPLE = { code: "BR-0042", id: 7 };
const served = new Set(listRouteFiles(path.resolve(__dirname, "../api/v1")).map((r) => r.path));

/** "/api/v1/branches/BR-0042/gateway" -> "/api/v1/branches/{code}/gateway" (the OpenAPI spelling). */
const template = (url: string) => url.replace(`/${SAMPLE.code}`, "/{code}").replace(`/${SAMPLE.id}`, "/{id}");

describe("apiPaths: the UI calls only URLs a route file serves", () => {
  const builders = Object.entries(apiPaths) as Array<[string, (arg?: string | number) => string]>;
  it.each(builders)("%s", (_, build) => {
    // A builder takes a branch code or a numeric id; the one that fits yields a served {code} or {id} path.
    const urls = build.length === 0 ? [build()] : [build(SAMPLE.code), build(SAMPLE.id)];
    expect(
      urls.map(template).filter((p) => served.has(p)),
      urls.join(" or "),
    ).toHaveLength(1);
  });

  it("encodes a branch code as one path segment", () => {
    expect(apiPaths.branch("A/B")).toBe("/api/v1/branches/A%2FB");
  });

  it("leaves the ? off when there are no parameters", () => {
    expect(withSearch("/api/v1/rollouts", {})).toBe("/api/v1/rollouts");
    const url = withSearch("/api/v1/rollouts", { branch: "BR-1", limit: "10" });
    expect(url).toBe("/api/v1/rollouts?branch=BR-1&limit=10");
  });
});

import { request, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZErrorResponse } from "@/lib/domain/error-response";
import { answerMalformedRequest } from "./answer-malformed-request";

// The front of scripts/serve.ts, on a real socket: what it answers itself never reaches Next.js.
let server: Server;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (answerMalformedRequest(req, res)) return;
    res.setHeader("content-type", "text/plain");
    res.end("reached next");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
const send = (method: string, path: string) =>
  new Promise<Answer>((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    request({ host: "127.0.0.1", port, method, path }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    })
      .on("error", reject)
      .end();
  });

function expectJsonError(a: Answer, field: string) {
  expect(a.status).toBe(400);
  expect(a.headers["content-type"]).toMatch(/^application\/json/);
  expect(a.headers["cache-control"]).toBe("no-store");
  expect(a.headers["x-content-type-options"]).toBe("nosniff");
  const json = ZErrorResponse.strict().parse(JSON.parse(a.body));
  expect(json.error.code).toBe("bad_request");
  expect(Object.keys(json.error.fields)).toEqual([field]);
  return json.error.message;
}

describe("answerMalformedRequest: 400s in the one JSON shape instead of Next.js's 500s (issue 8)", () => {
  it.each(["TRACE", "PROPFIND", "MKCOL", "LINK"])("%s is 400 naming the method, with Allow", async (method) => {
    const a = await send(method, "/api/v1/branches");
    expect(expectJsonError(a, "method")).toContain(method);
    expect(a.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  });

  it.each(["/api/v1/hosts/%ff", "/api/v1/hosts/%e0%a4", "/branches/%ff/edit", "/api/v1/hosts/%zz", "/%", "/a%00b"])(
    "the path %s (percent-encoding that is not UTF-8, or a NUL) is 400 naming the path",
    async (path) => {
      expect(expectJsonError(await send("GET", path), "path")).toMatch(/percent-encoded|NUL/);
    },
  );

  it.each([
    ["GET", "/api/v1/hosts/1"],
    ["POST", "/api/v1/branches"],
    ["OPTIONS", "/"],
    ["HEAD", "/login"],
    ["GET", "/branches/BR%2D0042"],
    ["GET", "/login?next=%ff"],
    ["DELETE", "/api/v1/session"],
  ])("%s %s reaches Next.js, with the base security headers already set", async (method, path) => {
    const a = await send(method, path);
    expect(a.status).toBe(200);
    if (method !== "HEAD") expect(a.body).toBe("reached next");
    expect(a.headers["x-content-type-options"]).toBe("nosniff");
    expect(a.headers["x-frame-options"]).toBe("DENY");
    expect(a.headers["referrer-policy"]).toBe("same-origin");
  });
});

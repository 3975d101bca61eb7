import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/server/errors/app-error";
import { API_HEADERS, BASE_HEADERS } from "./security-headers";

/** Every method a route or page answers; anything else never reaches Next.js. */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * The dashboard server's front door (scripts/serve.ts), before Next.js:
 * sets the base security headers on every response, and answers itself the
 * requests Next.js would turn into a 500 (issue 8): a method no route has
 * (TRACE, WebDAV verbs) and a path whose percent-encoding is not UTF-8
 * (/api/v1/hosts/%ff), which Next.js fails to decode into route params.
 * Returns true when it answered.
 */
export function answerMalformedRequest(req: IncomingMessage, res: ServerResponse): boolean {
  for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
  const method = req.method ?? "";
  if (!METHODS.includes(method)) {
    res.setHeader("Allow", METHODS.join(", "));
    writeJsonError(
      res,
      new AppError("bad_request", `method ${method} is not supported; use ${METHODS.join(", ")}`, {
        method: [`${method} is not supported`],
      }),
    );
    return true;
  }
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const problem = pathProblem(path);
  if (problem) {
    const shown = JSON.stringify(path.slice(0, 200));
    writeJsonError(res, new AppError("bad_request", `the path ${shown} ${problem}`, { path: [problem] }));
    return true;
  }
  return false;
}

/** Route params are decoded from the path: bad UTF-8 makes Next.js throw, a NUL reaches the database. */
function pathProblem(path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "is not valid percent-encoded UTF-8 (a % must start a UTF-8 byte sequence like %C3%A9)";
  }
  return decoded.includes("\u0000") ? "contains a NUL character (%00)" : null;
}

/** The one error shape, with the API headers, for answers the server writes without Next.js. */
export function writeJsonError(res: ServerResponse, error: AppError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify(error.toJSON());
  const length = Buffer.byteLength(body);
  res.writeHead(error.status, { ...API_HEADERS, "Content-Type": "application/json", "Content-Length": length });
  res.end(body);
}

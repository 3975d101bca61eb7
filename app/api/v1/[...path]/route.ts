import { fallbackApiHandler } from "@/app/_server/api-handler";
import { AppError } from "@/lib/server/errors/app-error";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Any /api/v1 path no route claims: a JSON 404 in the one error shape, with
 * the API headers, instead of Next's HTML page. Anonymous on purpose: the
 * routes are documented (docs/api.md), so "no such route" tells a stranger
 * nothing new. Next matches this only after every more specific route.
 */
const notFound = fallbackApiHandler(async (req) => {
  throw new AppError("not_found", `no API route ${req.method} ${req.nextUrl.pathname}; see /api/v1/openapi.json`);
});

export {
  notFound as DELETE,
  notFound as GET,
  notFound as HEAD,
  notFound as OPTIONS,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};

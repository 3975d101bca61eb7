import { apiHandler } from "@/app/_server/api-handler";
import { buildOpenApiDocument, ZOpenApiDocument } from "@/lib/server/api/openapi";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "viewer", summary: "This document", response: ZOpenApiDocument }, async () => {
  // Imported when asked for, not at the top: the index imports this module too (it is an operation).
  const { API_ROUTES } = await import("../route-index");
  return buildOpenApiDocument(API_ROUTES);
});

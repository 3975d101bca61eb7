import { apiHandler } from "@/app/_server/api-handler";
import { buildOpenApiDocument } from "@/lib/server/api/openapi";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler("viewer", async () => buildOpenApiDocument());

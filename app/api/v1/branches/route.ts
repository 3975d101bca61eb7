import { apiHandler, readJson, readQuery } from "@/app/_server/api-handler";
import { ZBranchListQuery, ZCreateBranchInput } from "@/lib/domain/inventory/branch-input";
import { createBranch } from "@/lib/server/inventory/create-branch";
import { listBranches } from "@/lib/server/inventory/list-branches";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler("viewer", async ({ req }) => ({ branches: await listBranches(readQuery(req, ZBranchListQuery)) }));

export const POST = apiHandler(
  "admin",
  async ({ req, actor }) => createBranch(actor, await readJson(req, ZCreateBranchInput)),
  { status: 201 },
);

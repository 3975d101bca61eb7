import { apiHandler } from "@/app/_server/api-handler";
import { ZBranchListQuery, ZCreateBranchInput } from "@/lib/domain/inventory/branch-input";
import { ZBranchListResponse, ZBranchWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { createBranch } from "@/lib/server/inventory/create-branch";
import { listBranches } from "@/lib/server/inventory/list-branches";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "Fleet overview: branches with host counts and gateways",
    query: ZBranchListQuery,
    response: ZBranchListResponse,
  },
  async ({ query }) => ({ branches: await listBranches(query) }),
);

export const POST = apiHandler(
  { role: "admin", summary: "Create a branch", body: ZCreateBranchInput, response: ZBranchWriteResponse, status: 201 },
  async ({ actor, body }) => createBranch(actor, body),
);

import { apiHandler } from "@/app/_server/api-handler";
import { ZUpdateBranchInput } from "@/lib/domain/inventory/branch-input";
import { ZBranchDetailResponse, ZBranchWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { ZBranchCodeParams } from "@/lib/server/api/path-params";
import { deleteBranch } from "@/lib/server/inventory/delete-branch";
import { getBranch } from "@/lib/server/inventory/get-branch";
import { updateBranch } from "@/lib/server/inventory/update-branch";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "A branch with its gateway and hosts (each with its guest)",
    params: ZBranchCodeParams,
    response: ZBranchDetailResponse,
  },
  async ({ params }) => getBranch(params.code),
);

export const PATCH = apiHandler(
  {
    role: "admin",
    summary: "Edit a branch; a new LAN/pool must not strand guests, hosts or the gateway",
    params: ZBranchCodeParams,
    body: ZUpdateBranchInput,
    response: ZBranchWriteResponse,
  },
  async ({ actor, params, body }) => updateBranch(actor, params.code, body),
);

export const DELETE = apiHandler(
  {
    role: "admin",
    summary: "Delete an empty branch (409 while it has hosts or a gateway)",
    params: ZBranchCodeParams,
    response: null,
  },
  async ({ actor, params }) => deleteBranch(actor, params.code),
);

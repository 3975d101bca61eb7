import { apiHandler, readJson } from "@/app/_server/api-handler";
import { ZUpdateBranchInput } from "@/lib/domain/inventory/branch-input";
import { deleteBranch } from "@/lib/server/inventory/delete-branch";
import { getBranch } from "@/lib/server/inventory/get-branch";
import { updateBranch } from "@/lib/server/inventory/update-branch";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { code: string };

export const GET = apiHandler<Params>("viewer", async ({ params }) => getBranch(params.code));

export const PATCH = apiHandler<Params>("admin", async ({ req, actor, params }) =>
  updateBranch(actor, params.code, await readJson(req, ZUpdateBranchInput)));

export const DELETE = apiHandler<Params>("admin", async ({ actor, params }) => deleteBranch(actor, params.code));

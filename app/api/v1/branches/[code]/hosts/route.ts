import { apiHandler } from "@/app/_server/api-handler";
import { ZCreateHostInput, ZHostListQuery } from "@/lib/domain/inventory/host-input";
import { ZHostListResponse, ZHostWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { ZBranchCodeParams } from "@/lib/server/api/path-params";
import { createHost } from "@/lib/server/inventory/create-host";
import { listHosts } from "@/lib/server/inventory/list-hosts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "The branch's hosts, filtered",
    params: ZBranchCodeParams,
    query: ZHostListQuery,
    response: ZHostListResponse,
  },
  async ({ params, query }) => ({ hosts: await listHosts(params.code, query) }),
);

export const POST = apiHandler(
  {
    role: "admin",
    summary: "Add a host (and its guest); link-local address and guest MAC allocated when absent",
    params: ZBranchCodeParams,
    body: ZCreateHostInput,
    response: ZHostWriteResponse,
    status: 201,
  },
  async ({ actor, params, body }) => createHost(actor, params.code, body),
);

import { apiHandler, readJson, readQuery } from "@/app/_server/api-handler";
import { ZCreateHostInput, ZHostListQuery } from "@/lib/domain/inventory/host-input";
import { createHost } from "@/lib/server/inventory/create-host";
import { listHosts } from "@/lib/server/inventory/list-hosts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { code: string };

export const GET = apiHandler<Params>("viewer", async ({ req, params }) => ({
  hosts: await listHosts(params.code, readQuery(req, ZHostListQuery)),
}));

export const POST = apiHandler<Params>(
  "admin",
  async ({ req, actor, params }) => createHost(actor, params.code, await readJson(req, ZCreateHostInput)),
  { status: 201 },
);

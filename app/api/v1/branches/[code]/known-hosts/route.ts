import { apiHandler } from "@/app/_server/api-handler";
import { ZKnownHostsResponse } from "@/lib/domain/terminal/ssh-access-views";
import { ZBranchCodeParams } from "@/lib/server/api/path-params";
import { branchKnownHosts } from "@/lib/server/terminal/branch-known-hosts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary:
      "A known_hosts snippet with the pinned keys of the branch's gateway and hosts, filed under their hostnames",
    params: ZBranchCodeParams,
    response: ZKnownHostsResponse,
  },
  async ({ params }) => branchKnownHosts(params.code),
);

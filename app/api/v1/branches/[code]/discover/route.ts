import { apiHandler } from "@/app/_server/api-handler";
import { ZBranchDiscoveryResponse } from "@/lib/domain/discovery/discovery-views";
import { ZBranchCodeParams } from "@/lib/server/api/path-params";
import { discoverBranch } from "@/lib/server/discovery/discover-branch";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Discovery: the boxes on the branch LAN that answer and are not in the inventory. Operator action, audited. */
export const POST = apiHandler(
  {
    role: "operator",
    summary:
      "Discover the boxes on the branch LAN that are not in the inventory: a bounded ARP sweep of the " +
      "link-local pool through the gateway's pinned session, each with its MAC and its host key scanned " +
      "through the gateway (nothing is pinned)",
    params: ZBranchCodeParams,
    response: ZBranchDiscoveryResponse,
  },
  async ({ actor, params }) => discoverBranch(actor, params.code),
);

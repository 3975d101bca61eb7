import { apiHandler } from "@/app/_server/api-handler";
import { ZHostKeyTrustedResponse } from "@/lib/domain/host-keys/host-key-trusted";
import { ZTrustHostKeyInput } from "@/lib/domain/host-keys/trust-host-key-input";
import { ZBranchCodeParams } from "@/lib/server/api/path-params";
import { trustHostKey } from "@/lib/server/host-keys/trust-host-key";
import { getGateway } from "@/lib/server/inventory/get-gateway";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** "Trust this key" for the branch's gateway: pin the given fingerprint, or scan it. Operator action, audited. */
export const POST = apiHandler(
  {
    role: "operator",
    summary: "Trust the gateway's SSH host key: pin the given fingerprint, or scan it (scanOnly: just show it)",
    params: ZBranchCodeParams,
    body: ZTrustHostKeyInput,
    response: ZHostKeyTrustedResponse,
  },
  async ({ actor, params, body }) => {
    const gateway = await getGateway(params.code);
    return trustHostKey(actor, { kind: "gateway", id: gateway.id }, body);
  },
);

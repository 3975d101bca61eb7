import { apiHandler } from "@/app/_server/api-handler";
import { ZHostKeyTrustedResponse } from "@/lib/domain/host-keys/host-key-trusted";
import { ZTrustHostKeyInput } from "@/lib/domain/host-keys/trust-host-key-input";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { trustHostKey } from "@/lib/server/host-keys/trust-host-key";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** "Trust this key": pin the given fingerprint, or scan the host through its gateway. Operator action, audited. */
export const POST = apiHandler(
  {
    role: "operator",
    summary:
      "Trust the host's SSH host key: pin the given fingerprint, or scan it through the gateway " +
      "(scanOnly: just show it)",
    params: zRowIdParams("host"),
    body: ZTrustHostKeyInput,
    response: ZHostKeyTrustedResponse,
  },
  async ({ actor, params, body }) => trustHostKey(actor, { kind: "host", id: params.id }, body),
);

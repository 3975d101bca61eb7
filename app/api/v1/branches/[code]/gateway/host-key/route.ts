import { apiHandler, readJson } from "@/app/_server/api-handler";
import { trustHostKey, ZTrustHostKeyInput } from "@/lib/server/host-keys/trust-host-key";
import { getGateway } from "@/lib/server/inventory/get-gateway";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** "Trust this key" for the branch's gateway: pin the given fingerprint, or scan it. Operator action, audited. */
export const POST = apiHandler<{ code: string }>("operator", async ({ req, actor, params }) => {
  const input = await readJson(req, ZTrustHostKeyInput);
  const gateway = await getGateway(params.code);
  return trustHostKey(actor, { kind: "gateway", id: gateway.id }, input);
});

import { apiHandler, readJson } from "@/app/_server/api-handler";
import { trustHostKey, ZTrustHostKeyInput } from "@/lib/server/host-keys/trust-host-key";
import { parseHostId } from "@/lib/server/inventory/find-host";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** "Trust this key": pin the given fingerprint, or scan the host through its gateway. Operator action, audited. */
export const POST = apiHandler<{ id: string }>("operator", async ({ req, actor, params }) =>
  trustHostKey(actor, { kind: "host", id: parseHostId(params.id) }, await readJson(req, ZTrustHostKeyInput)));

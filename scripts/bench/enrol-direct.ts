import type { LabInventory } from "../../e2e/lab/inventory";
import { enrolLab, type EnrolRequest } from "../../e2e/lab/enrol-lab";
import { ZCreateBranchInput } from "../../lib/domain/inventory/branch-input";
import { ZGatewayInput } from "../../lib/domain/inventory/gateway-input";
import { ZCreateHostInput } from "../../lib/domain/inventory/host-input";
import type { Actor } from "../../lib/server/auth/actor";
import { trustHostKey, ZTrustHostKeyInput } from "../../lib/server/host-keys/trust-host-key";
import { createBranch } from "../../lib/server/inventory/create-branch";
import { createHost } from "../../lib/server/inventory/create-host";
import { getGateway } from "../../lib/server/inventory/get-gateway";
import { saveGateway } from "../../lib/server/inventory/save-gateway";

/**
 * Enrols a lab through the services the API routes call (same validation,
 * same audit), without an HTTP server: for benchmarks, where the dashboard's
 * own process is the thing measured.
 */
export async function enrolDirect(inv: LabInventory, actor: Actor): Promise<void> {
  await enrolLab(inv, async (r: EnrolRequest) => {
    const [, , , kind, key, sub, subsub] = r.path.split("/");
    if (kind === "branches" && !key) return createBranch(actor, ZCreateBranchInput.parse(r.body));
    if (kind === "branches" && sub === "gateway" && !subsub)
      return { gateway: await saveGateway(actor, key!, ZGatewayInput.parse(r.body)) };
    if (kind === "branches" && subsub === "host-key") {
      const gw = await getGateway(key!);
      return trustHostKey(actor, { kind: "gateway", id: gw.id }, ZTrustHostKeyInput.parse(r.body));
    }
    if (kind === "branches" && sub === "hosts") return createHost(actor, key!, ZCreateHostInput.parse(r.body));
    if (kind === "hosts" && sub === "host-key")
      return trustHostKey(actor, { kind: "host", id: Number(key) }, ZTrustHostKeyInput.parse(r.body));
    throw new Error(`enrolDirect: no service for ${r.method} ${r.path}`);
  });
}

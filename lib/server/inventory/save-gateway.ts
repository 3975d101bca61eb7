import { checkGateway } from "@/lib/domain/inventory/check-gateway";
import type { GatewayInput } from "@/lib/domain/inventory/gateway-input";
import type { GatewayView } from "@/lib/domain/inventory/inventory-views";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { assertValid } from "@/lib/server/errors/app-error";
import { branchAddressing, findBranch } from "./find-branch";
import { loadHostnameClaims } from "./load-hostname-claims";
import { toGatewayView } from "./to-views";

/**
 * Creates or replaces a branch's gateway (PUT). The pinned host key is not
 * part of the input: enrolment sets it, and a changed address keeps it.
 */
export async function saveGateway(actor: Actor, branchCode: string, input: GatewayInput): Promise<GatewayView> {
  return writeTransaction(actor, async (tx, audit) => {
    const branch = await findBranch(tx, branchCode);
    const existing = branch.gateway;
    const guests = await tx.guest.findMany({
      where: { branchId: branch.id, ip: input.lanIp },
      select: { ip: true, name: true, host: { select: { hostname: true } } },
    });
    const errors = checkGateway(input, {
      branch: branchAddressing(branch),
      guestIps: guests.map((g) => ({ value: g.ip, owner: `guest ${g.name} (host ${g.host.hostname})` })),
      hostnames: await loadHostnameClaims(tx, input.hostname, { gatewayId: existing?.id }),
    });
    assertValid(errors, `gateway ${input.hostname} cannot be saved for ${branch.code}`);
    const row = existing
      ? await tx.gateway.update({ where: { id: existing.id }, data: input })
      : await tx.gateway.create({ data: { ...input, branchId: branch.id } });
    const view = toGatewayView(row);
    const what = `gateway ${row.hostname} (LAN ${row.lanIp} on ${row.lanIfname}) of ${branch.code}`;
    const summary = `${existing ? "changed" : "added"} ${what}`;
    audit({ type: "gateway", id: branch.code }, existing ? toGatewayView(existing) : null, view, summary);
    return view;
  });
}

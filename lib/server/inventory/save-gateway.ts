import { checkGateway } from "@/lib/domain/inventory/check-gateway";
import type { GatewayInput } from "@/lib/domain/inventory/gateway-input";
import type { GatewayView } from "@/lib/domain/inventory/inventory-views";
import type { Actor } from "@/lib/server/auth/actor";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { assertValid } from "@/lib/server/errors/assert-valid";
import { branchAddressing, findBranch } from "./find-branch";
import { loadHostnameClaims } from "./load-hostname-claims";
import { toGatewayView } from "./to-views";
import { writeTransaction } from "@/lib/server/db/write-transaction";

/**
 * Creates or replaces a branch's gateway (PUT). The pinned host key is not
 * part of the input: enrolment sets it, and a changed address keeps it.
 */
export async function saveGateway(actor: Actor, branchCode: string, input: GatewayInput): Promise<GatewayView> {
  return writeTransaction(async (tx) => {
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
    await recordAuditEvent(tx, {
      actor: actor.username, action: existing ? "gateway.update" : "gateway.create", entityType: "gateway", entityId: branch.code,
      summary: `${existing ? "changed" : "added"} gateway ${row.hostname} (LAN ${row.lanIp} on ${row.lanIfname}) of ${branch.code}`,
      before: existing ? toGatewayView(existing) : undefined, after: view,
    });
    return view;
  });
}

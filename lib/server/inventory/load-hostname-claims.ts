import type { Claim } from "@/lib/domain/inventory/claim";
import type { Tx } from "@/lib/server/db/client";

/**
 * Who already uses `hostname`, hosts and gateways alike: an SSH target is
 * looked up by name, so one name must mean one machine across both tables.
 */
export async function loadHostnameClaims(
  tx: Tx,
  hostname: string,
  self: { hostId?: number; gatewayId?: number } = {},
): Promise<Claim[]> {
  const host = await tx.host.findFirst({
    where: { hostname, ...(self.hostId ? { id: { not: self.hostId } } : {}) },
    select: { hostname: true, branch: { select: { code: true } } },
  });
  const gateway = await tx.gateway.findFirst({
    where: { hostname, ...(self.gatewayId ? { id: { not: self.gatewayId } } : {}) },
    select: { hostname: true, branch: { select: { code: true } } },
  });
  const claims: Claim[] = [];
  if (host) claims.push({ value: host.hostname, owner: `host ${host.hostname} (branch ${host.branch.code})` });
  if (gateway) claims.push({ value: gateway.hostname, owner: `the gateway of branch ${gateway.branch.code}` });
  return claims;
}

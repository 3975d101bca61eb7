import type { Branch, Gateway, Guest, Host } from "@/prisma/generated/sqlite/client";
import { ZHostState } from "@/lib/domain/inventory/host-input";
import type {
  BranchView,
  BranchWithGateway,
  GatewayView,
  GuestView,
  HostView,
} from "@/lib/domain/inventory/inventory-views";

/** Database rows -> the API's JSON shapes (ISO timestamps, no internal ids beyond `id`). */
export function toBranchView(b: Branch): BranchView {
  return {
    id: b.id,
    code: b.code,
    name: b.name,
    region: b.region,
    lanCidr: b.lanCidr,
    linkLocalPool: b.linkLocalPool,
    gatewayLinkLocalIp: b.gatewayLinkLocalIp,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

export function toGatewayView(g: Gateway): GatewayView {
  return {
    id: g.id,
    hostname: g.hostname,
    sshAddress: g.sshAddress,
    sshPort: g.sshPort,
    sshUser: g.sshUser,
    lanIfname: g.lanIfname,
    lanIp: g.lanIp,
    hostKeyFingerprint: g.hostKeyFingerprint,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

export function toBranchWithGateway(b: Branch & { gateway: Gateway | null }): BranchWithGateway {
  return { ...toBranchView(b), gateway: b.gateway ? toGatewayView(b.gateway) : null };
}

export function toGuestView(g: Guest): GuestView {
  return {
    id: g.id,
    hostId: g.hostId,
    name: g.name,
    domain: g.domain,
    mac: g.mac,
    ip: g.ip,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

export type HostRow = Host & { branch: Pick<Branch, "code">; guest: Guest | null };

/** Include this in host queries so rows map straight to HostView. */
export const HOST_INCLUDE = { branch: { select: { code: true } }, guest: true } as const;

export function toHostView(h: HostRow): HostView {
  return {
    id: h.id,
    branchCode: h.branch.code,
    hostname: h.hostname,
    serial: h.serial,
    nicMac: h.nicMac,
    bridge: h.bridge,
    linkLocalIp: h.linkLocalIp,
    sshUser: h.sshUser,
    // The column is free text in SQLite; anything unexpected reads as the safe "planned".
    state: ZHostState.catch("planned").parse(h.state),
    hostKeyFingerprint: h.hostKeyFingerprint,
    guest: h.guest ? toGuestView(h.guest) : null,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}

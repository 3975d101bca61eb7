/**
 * What an import is checked against and what an export writes: the identity
 * and addressing columns of every branch, gateway, host and guest (no
 * timestamps, no keys beyond the pinned fingerprint). Loaded in a few
 * set-based queries (lib/server/import/load-fleet-snapshot.ts).
 */
export type FleetBranch = {
  id: number;
  code: string;
  name: string;
  region: string;
  lanCidr: string;
  linkLocalPool: string;
  gatewayLinkLocalIp: string;
};
export type FleetGateway = {
  id: number;
  branchId: number;
  hostname: string;
  sshAddress: string;
  sshPort: number;
  sshUser: string;
  lanIfname: string;
  lanIp: string;
  hostKeyFingerprint: string | null;
};
export type FleetHost = {
  id: number;
  branchId: number;
  hostname: string;
  serial: string;
  nicMac: string;
  bridge: string;
  linkLocalIp: string;
  sshUser: string;
  state: string;
  hostKeyFingerprint: string | null;
};
export type FleetGuest = {
  id: number;
  hostId: number;
  branchId: number;
  name: string;
  domain: string;
  mac: string;
  ip: string;
};

/**
 * An address a retired host still holds while it cools off (AddressHold):
 * the forms refuse it and the allocator skips it, so the import does too.
 * `owner` is the form's own wording ("retired host br-7, held until ...").
 */
export type FleetHold = {
  kind: "link-local" | "guest-mac";
  branchId: number | null;
  value: string;
  hostname: string;
  owner: string;
};

export type FleetSnapshot = {
  branches: FleetBranch[];
  gateways: FleetGateway[];
  hosts: FleetHost[];
  guests: FleetGuest[];
  /** Absent: none (an export does not need them). */
  holds?: FleetHold[];
};

export type FleetIndex = {
  branchByCode: Map<string, FleetBranch>;
  branchById: Map<number, FleetBranch>;
  gatewayByBranchId: Map<number, FleetGateway>;
  hostByHostname: Map<string, FleetHost>;
  guestByHostId: Map<number, FleetGuest>;
};

export function indexFleet(fleet: FleetSnapshot): FleetIndex {
  return {
    branchByCode: new Map(fleet.branches.map((b) => [b.code, b])),
    branchById: new Map(fleet.branches.map((b) => [b.id, b])),
    gatewayByBranchId: new Map(fleet.gateways.map((g) => [g.branchId, g])),
    hostByHostname: new Map(fleet.hosts.map((h) => [h.hostname, h])),
    guestByHostId: new Map(fleet.guests.map((g) => [g.hostId, g])),
  };
}

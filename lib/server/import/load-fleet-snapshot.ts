import type { FleetHold, FleetSnapshot } from "@/lib/domain/import/fleet-snapshot";
import type { Tx } from "@/lib/server/db/client";

/**
 * The fleet's identity and addressing columns in four queries, whatever its
 * size (an import checks against all of it: any row may clash with any host).
 * `branchCode` narrows it to one branch (export).
 */
export async function loadFleetSnapshot(tx: Tx, branchCode?: string): Promise<FleetSnapshot> {
  const where = branchCode ? { branch: { code: branchCode } } : {};
  const [branches, gateways, hosts, guests] = [
    await tx.branch.findMany({
      where: branchCode ? { code: branchCode } : {},
      select: {
        id: true,
        code: true,
        name: true,
        region: true,
        lanCidr: true,
        linkLocalPool: true,
        gatewayLinkLocalIp: true,
      },
    }),
    await tx.gateway.findMany({
      where,
      select: {
        id: true,
        branchId: true,
        hostname: true,
        sshAddress: true,
        sshPort: true,
        sshUser: true,
        lanIfname: true,
        lanIp: true,
        hostKeyFingerprint: true,
      },
    }),
    await tx.host.findMany({
      where,
      select: {
        id: true,
        branchId: true,
        hostname: true,
        serial: true,
        nicMac: true,
        bridge: true,
        linkLocalIp: true,
        sshUser: true,
        state: true,
        hostKeyFingerprint: true,
      },
    }),
    await tx.guest.findMany({
      where,
      select: { id: true, hostId: true, branchId: true, name: true, domain: true, mac: true, ip: true },
    }),
  ];
  // Every hold still cooling off, worded as loadAddressHolds (lib/server/hardware) words it for the forms.
  const held = await tx.addressHold.findMany({ where: { until: { gt: new Date() } }, orderBy: { until: "desc" } });
  const holds: FleetHold[] = held.map((h) => {
    const until = h.until.toISOString().slice(0, 16).replace("T", " ");
    const owner = `retired host ${h.hostname}, held until ${until} UTC (cooling-off)`;
    const kind = h.kind === "guest-mac" ? "guest-mac" : "link-local";
    return { kind, branchId: h.branchId, value: h.value, hostname: h.hostname, owner };
  });
  return { branches, gateways, hosts, guests, holds };
}

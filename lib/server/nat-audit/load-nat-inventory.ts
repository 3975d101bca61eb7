import type { InventoryAddress } from "@/lib/domain/nat-audit";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Db } from "@/lib/server/db/client";
import type { HealthTarget } from "@/lib/server/health/load-health-targets";

type GuestRow = { ip: string; hostname: string; hostId: number; branchCode: string; linkLocalIp: string };

/** Every guest IP and host link-local address the inventory knows (hosts not retired). */
export async function loadNatInventory(client: Db): Promise<GuestRow[]> {
  const hosts = await client.host.findMany({
    where: { state: { not: "retired" } },
    select: {
      id: true,
      hostname: true,
      linkLocalIp: true,
      guest: { select: { ip: true } },
      branch: { select: { code: true } },
    },
  });
  return hosts.map((h) => ({
    ip: h.guest?.ip ?? "",
    hostname: h.hostname,
    hostId: h.id,
    branchCode: h.branch.code,
    linkLocalIp: h.linkLocalIp,
  }));
}

/**
 * What a box's stale rules are judged against: every guest IP of the fleet (here: on this
 * gateway's branch, or this host's own guest), and the link-local addresses of the box's own
 * branch (every branch reuses 169.254.0.0/16, so another branch's are no evidence).
 */
export function inventoryFor(t: HealthTarget, rows: readonly GuestRow[]): InventoryAddress[] {
  const out: InventoryAddress[] = [];
  const here = (r: GuestRow) => (t.kind === "gateway" ? r.branchCode === t.branchCode : r.hostId === t.boxId);
  for (const r of rows) {
    if (r.ip) out.push({ ip: r.ip as Ipv4, kind: "guest", where: `host ${r.hostname}`, here: here(r) });
    if (r.branchCode === t.branchCode) {
      out.push({ ip: r.linkLocalIp as Ipv4, kind: "link-local", where: `host ${r.hostname}`, here: here(r) });
    }
  }
  if (t.kind === "gateway" && t.linkLocalIp) {
    out.push({ ip: t.linkLocalIp as Ipv4, kind: "link-local", where: `gateway ${t.name}`, here: true });
  }
  return out;
}

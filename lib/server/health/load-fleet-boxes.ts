import type { Db } from "@/lib/server/db/client";
import type { BoxIdentity } from "./box-health-view";

export type FleetBranch = { id: number; code: string; name: string; region: string };

/** Every box health covers: each branch's gateway and its hosts that are not retired. Three queries. */
export async function loadFleetBoxes(client: Db): Promise<{ branches: FleetBranch[]; boxes: BoxIdentity[] }> {
  const [branches, gateways, hosts] = await Promise.all([
    client.branch.findMany({ select: { id: true, code: true, name: true, region: true }, orderBy: { code: "asc" } }),
    client.gateway.findMany({ select: { id: true, hostname: true, branchId: true } }),
    client.host.findMany({
      where: { state: { not: "retired" } },
      select: { id: true, hostname: true, branchId: true },
      orderBy: { hostname: "asc" },
    }),
  ]);
  const byId = new Map(branches.map((b) => [b.id, b]));
  const boxes: BoxIdentity[] = [];
  for (const g of gateways) {
    const b = byId.get(g.branchId);
    if (b) boxes.push({ kind: "gateway", id: g.id, name: g.hostname, branchCode: b.code, region: b.region });
  }
  for (const h of hosts) {
    const b = byId.get(h.branchId);
    if (b) boxes.push({ kind: "host", id: h.id, name: h.hostname, branchCode: b.code, region: b.region });
  }
  return { branches, boxes };
}

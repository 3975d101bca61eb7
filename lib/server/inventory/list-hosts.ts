import type { HostListQuery } from "@/lib/domain/inventory/host-input";
import type { HostView } from "@/lib/domain/inventory/inventory-views";
import { db } from "@/lib/server/db/client";
import { findBranch } from "./find-branch";
import { HOST_INCLUDE, toHostView } from "./to-views";

/** A branch's hosts by hostname; `q` matches hostname, serial, MACs, addresses and the guest's name. */
export async function listHosts(branchCode: string, query: HostListQuery): Promise<HostView[]> {
  const branch = await findBranch(db(), branchCode);
  const rows = await db().host.findMany({
    where: { branchId: branch.id, ...(query.state ? { state: query.state } : {}) },
    include: HOST_INCLUDE,
    orderBy: { hostname: "asc" },
  });
  const needle = query.q?.toLowerCase();
  const hosts = rows.map(toHostView);
  if (!needle) return hosts;
  return hosts.filter((h) =>
    [h.hostname, h.serial, h.nicMac, h.linkLocalIp, h.guest?.name, h.guest?.ip, h.guest?.mac].some((v) =>
      v?.toLowerCase().includes(needle),
    ),
  );
}

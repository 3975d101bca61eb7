import type { HostLifecycleResponse } from "@/lib/domain/hardware/hardware-views";
import { db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";
import { toAddressHoldView, toHostHardwareView } from "./to-hardware-views";

/** The host page's history: earlier hardware (newest first), key status, retirement and its held addresses. */
export async function getHostLifecycle(hostId: number, now = new Date()): Promise<HostLifecycleResponse> {
  const host = await db().host.findUnique({
    where: { id: hostId },
    select: { id: true, hostKeyUnverified: true, retiredAt: true },
  });
  if (!host) throw notFound(`host ${hostId}`);
  const hardware = await db().hostHardware.findMany({
    where: { hostId },
    orderBy: [{ replacedAt: "desc" }, { id: "desc" }],
  });
  const holds = await db().addressHold.findMany({ where: { hostId, until: { gt: now } }, orderBy: { id: "asc" } });
  return {
    hardware: hardware.map(toHostHardwareView),
    hostKeyUnverified: host.hostKeyUnverified,
    retiredAt: host.retiredAt?.toISOString() ?? null,
    holds: holds.map(toAddressHoldView),
  };
}
